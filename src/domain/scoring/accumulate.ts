import type { Aggregate, F2fAnswer, GroupCounts, LevelCounts } from './types';

export const emptyAggregate = (): Aggregate => new Map();

function bump(counts: LevelCounts, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

function groupCounts(agg: Aggregate, unitId: string, raterGroup: string): GroupCounts {
  let byGroup = agg.get(unitId);
  if (!byGroup) agg.set(unitId, (byGroup = new Map()));
  let g = byGroup.get(raterGroup);
  if (!g) byGroup.set(raterGroup, (g = { overall: new Map(), byDimension: new Map() }));
  return g;
}

/** Adds `n` identical answers (n > 1 when the caller has already grouped them). Mutates `agg`. */
export function addAnswer(agg: Aggregate, answer: F2fAnswer, n = 1): void {
  const g = groupCounts(agg, answer.unitId, answer.raterGroup);
  bump(g.overall, answer.overall, n);
  const ratings = answer.ratings;
  for (const dim in ratings) {
    if (!Object.hasOwn(ratings, dim)) continue;
    let counts = g.byDimension.get(dim);
    if (!counts) g.byDimension.set(dim, (counts = new Map()));
    bump(counts, ratings[dim]!, n);
  }
}

/** Adds `n` overall answers at one level, for callers that count overall and dimensions separately. */
export function addOverall(agg: Aggregate, unitId: string, raterGroup: string, level: string, n: number): void {
  bump(groupCounts(agg, unitId, raterGroup).overall, level, n);
}

/** Adds `n` ratings of one dimension at one level. */
export function addRating(agg: Aggregate, unitId: string, raterGroup: string, dimensionId: string, level: string, n: number): void {
  const g = groupCounts(agg, unitId, raterGroup);
  let counts = g.byDimension.get(dimensionId);
  if (!counts) g.byDimension.set(dimensionId, (counts = new Map()));
  bump(counts, level, n);
}

/** The aggregate form of a set of effective answers (pure: a new aggregate each call). */
export function accumulate(answers: Iterable<F2fAnswer>): Aggregate {
  const agg = emptyAggregate();
  for (const a of answers) addAnswer(agg, a);
  return agg;
}
