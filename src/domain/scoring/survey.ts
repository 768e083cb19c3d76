import type { Campaign } from '../campaign';
import { satisfaction, weightedMean } from './satisfaction';
import type { GroupCounts, GroupScore, SurveyScores } from './types';

export interface SurveyResult {
  survey: SurveyScores;
  /** A rater group has no counted overall answer (its weight was renormalised away). */
  incomplete: boolean;
  /** A rater group has counted answers, but fewer than minSamplePerGroup. */
  smallSample: boolean;
}

/**
 * One unit's survey scores (src/domain/DOMAIN.md Scoring 2): S_g per rater group over the overall answers, the
 * unit score Σ w_g·S_g / Σ w_g over the groups with a defined S_g, and each dimension the same way.
 * Groups and dimensions are taken in campaign order, so the floating-point sums are the same wherever
 * the tally is recomputed.
 */
export function unitSurvey(campaign: Campaign, byGroup: Map<string, GroupCounts> | undefined): SurveyResult {
  const groups = campaign.raterGroups.map((g) => ({ g, counts: byGroup?.get(g.id) }));
  const scores: [string, GroupScore][] = groups.map(({ g, counts }) => [g.id, satisfaction(counts?.overall, campaign.scale)]);
  const score = weightedMean(scores.map(([, s], i) => ({ weight: groups[i]!.g.weight, value: s.score })));
  const byDimension = campaign.dimensions.map((d) => {
    const value = weightedMean(groups.map(({ g, counts }) => ({ weight: g.weight, value: satisfaction(counts?.byDimension.get(d.id), campaign.scale).score })));
    return [d.id, value] as const;
  });
  return {
    survey: { score, byGroup: Object.fromEntries(scores), byDimension: Object.fromEntries(byDimension) },
    incomplete: scores.some(([, s]) => s.counted === 0),
    smallSample: scores.some(([, s]) => s.counted > 0 && s.counted < campaign.minSamplePerGroup),
  };
}
