import type { Campaign, ScoringComponent } from '../campaign';
import { weightedMean } from './satisfaction';
import type { ManualScores } from './types';

/** Own-property lookup: ids such as `__proto__` are valid ids and must not reach the prototype. */
export function own<T>(obj: Record<string, T> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export interface CompositeResult {
  components: Record<string, number | null>;
  /** Σ component values, null when any component is undefined. */
  total: number | null;
  /** A part had no value (no counted answer, or no manual figure entered). */
  partMissing: boolean;
}

/**
 * The bonus points of each unit (src/domain/DOMAIN.md Scoring 4): byRank[i] for the unit at place i of the
 * office's special-task ranking.
 */
export function bonusPoints(campaign: Campaign, manual: ManualScores): Map<string, number> {
  const points = new Map<string, number>();
  const byRank = campaign.scoring.bonus?.byRank ?? [];
  manual.bonusRanking.slice(0, byRank.length).forEach((unitId, i) => points.set(unitId, byRank[i]!));
  return points;
}

function componentValue(c: ScoringComponent, survey: number | null, manual: Record<string, number> | undefined) {
  const parts = c.parts.map((p) => ({ weight: p.weight, value: p.from === 'survey' ? survey : (own(manual, p.id) ?? null) }));
  const mean = weightedMean(parts);
  return { value: mean === null ? null : (c.max * mean) / 100, partMissing: parts.some((p) => p.value === null) };
}

/**
 * One unit's composite (src/domain/DOMAIN.md Scoring 3): each component is max × Σ weight·part / Σ weight / 100
 * over its valued parts; the bonus is added to its component, never past that component's max.
 */
export function unitComposite(campaign: Campaign, survey: number | null, unitManual: Record<string, number> | undefined, bonus: number): CompositeResult {
  const bonusComponent = campaign.scoring.bonus?.component;
  let partMissing = false;
  let total: number | null = 0;
  const components = campaign.scoring.components.map((c) => {
    const { value: base, partMissing: missing } = componentValue(c, survey, unitManual);
    partMissing ||= missing;
    const value = base !== null && c.id === bonusComponent ? Math.min(base + bonus, c.max) : base;
    total = value === null || total === null ? null : total + value;
    return [c.id, value] as const;
  });
  return { components: Object.fromEntries(components), total, partMissing };
}
