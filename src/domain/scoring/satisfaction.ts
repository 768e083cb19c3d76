import type { ScaleLevel } from '../campaign';
import type { GroupScore, LevelCounts } from './types';

/**
 * S = Σ n_k·score_k / Σ n_k over the levels whose score is not null (src/domain/DOMAIN.md Scoring 1). Levels
 * with a null score (不了解) are counted as `unknown` and left out of both sums; keys the scale does
 * not know (a level removed from the campaign later) are left out altogether.
 */
export function satisfaction(counts: LevelCounts | undefined, scale: readonly ScaleLevel[]): GroupScore {
  let counted = 0;
  let unknown = 0;
  let sum = 0;
  if (counts) {
    for (const level of scale) {
      const n = counts.get(level.key) ?? 0;
      if (n === 0) continue;
      if (level.score === null) unknown += n;
      else {
        counted += n;
        sum += n * level.score;
      }
    }
  }
  return { score: counted > 0 ? sum / counted : null, counted, unknown };
}

/**
 * Σ w·S / Σ w over the entries whose S is defined: weights are renormalised over what is there.
 * Undefined (null) when nothing is defined or the defined weights sum to 0.
 */
export function weightedMean(entries: Iterable<{ weight: number; value: number | null }>): number | null {
  let sw = 0;
  let swv = 0;
  for (const { weight, value } of entries) {
    if (value === null) continue;
    sw += weight;
    swv += weight * value;
  }
  return sw > 0 ? swv / sw : null;
}
