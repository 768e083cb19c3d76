import type { Campaign } from '../campaign';
import { categoryRanks } from './standing';
import type { Tally } from './types';

/**
 * The 结果运用 of seed 000 (src/domain/DOMAIN.md "Results"), for the office to act on:
 * `last` — last of the ranked units (诫勉谈话 of its head); `last-2-years` and `last-3-years` —
 * last in this and the one or two campaigns before; `first-in-category-2-years` — first in its
 * category in this campaign and the one before (免评 next year).
 */
export type YearFlag = 'last' | 'last-2-years' | 'last-3-years' | 'first-in-category-2-years';

/** A unit's result in an earlier campaign. */
export interface EarlierResult {
  campaignId: string;
  year: number;
  rank: number | null;
  categoryRank: number | null;
  total: number | null;
}

export interface UnitYears {
  /** Its result in the campaign this one follows (null when it was not a unit of it). */
  previous: EarlierResult | null;
  /** Its result in each compared campaign, in the order of `campaigns` (null where it was not a unit). */
  earlier: (EarlierResult | null)[];
  flags: YearFlag[];
}

export interface YearsComparison {
  /** The campaigns compared with, newest first: the one this follows, then the one that follows. */
  campaigns: { campaignId: string; year: number }[];
  units: Record<string, UnitYears>;
}

/** One campaign's tally with its definition, for the comparison. */
export interface YearTally {
  campaign: Campaign;
  tally: Tally;
}

/** Rank, category rank (the campaign's own, else computed from the ranks) and last place of each unit. */
function standings(y: YearTally) {
  const category = new Map(y.campaign.units.map((u) => [u.id, u.category]));
  const byCat = categoryRanks(y.tally.units.map((u) => ({ unitId: u.unitId, category: category.get(u.unitId) ?? '', total: u.total, rank: u.rank })));
  const lastRank = Math.max(0, ...y.tally.units.map((u) => u.rank ?? 0));
  const out = new Map<string, { rank: number | null; categoryRank: number | null; total: number | null; last: boolean }>();
  for (const u of y.tally.units) {
    const categoryRank = u.categoryRank !== undefined ? u.categoryRank : (byCat.get(u.unitId) ?? null);
    out.set(u.unitId, { rank: u.rank, categoryRank, total: u.total, last: u.rank !== null && u.rank === lastRank });
  }
  return out;
}

/**
 * Compares the current tally with the ones of the campaigns it follows (`earlier`, newest first;
 * at most two are looked at), unit by unit by id.
 */
export function compareYears(current: YearTally, earlier: readonly YearTally[]): YearsComparison {
  const now = standings(current);
  const before = earlier.slice(0, 2).map((y) => ({ y, s: standings(y) }));
  const units: Record<string, UnitYears> = {};
  for (const [unitId, s] of now) {
    const prev = before[0]?.s.get(unitId);
    const older = before[1]?.s.get(unitId);
    const flags: YearFlag[] = [];
    if (s.last) flags.push('last');
    if (s.last && prev?.last) flags.push('last-2-years');
    if (s.last && prev?.last && older?.last) flags.push('last-3-years');
    if (s.categoryRank === 1 && prev?.categoryRank === 1) flags.push('first-in-category-2-years');
    const earlierResults = before.map(({ y, s: st }) => {
      const e = st.get(unitId);
      return e ? { campaignId: y.campaign.id, year: y.campaign.year, rank: e.rank, categoryRank: e.categoryRank, total: e.total } : null;
    });
    units[unitId] = { previous: earlierResults[0] ?? null, earlier: earlierResults, flags };
  }
  return { campaigns: before.map(({ y }) => ({ campaignId: y.campaign.id, year: y.campaign.year })), units };
}
