import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { accumulate, compareYears, computeTally, type YearTally } from '../../../src/domain/scoring';
import { answers, META } from './helpers';

const year = (id: string, y: number): Campaign => ({ ...DEMO_CAMPAIGN, id, year: y, minSamplePerGroup: 0 });

/** A year's tally where the units get these overall levels (every group), only they ranked. */
function tallied(c: Campaign, levels: Record<string, string>): YearTally {
  const agg = accumulate(Object.entries(levels).flatMap(([u, level]) => c.raterGroups.flatMap((g) => answers(c, u, g.id, level, 1))));
  const scores = Object.fromEntries(Object.keys(levels).map((u) => [u, { daily: 80, network: 80 }]));
  return { campaign: c, tally: computeTally(c, agg, { scores, bonusRanking: [] }, META) };
}

describe('结果运用 across years', () => {
  const y2024 = tallied(year('c2024', 2024), { brigade1: 'very', brigade2: 'fairly', office: 'neutral', law: 'less' });
  const y2025 = tallied(year('c2025', 2025), { brigade1: 'very', brigade2: 'neutral', office: 'fairly', law: 'less' });
  const y2026 = tallied(year('c2026', 2026), { brigade1: 'very', brigade2: 'neutral', office: 'fairly', law: 'dissatisfied', muck: 'very' });

  it('puts last year’s rank and total beside each unit, null for a unit that was not there', () => {
    const r = compareYears(y2026, [y2025, y2024]);
    expect(r.campaigns).toEqual([
      { campaignId: 'c2025', year: 2025 },
      { campaignId: 'c2024', year: 2024 },
    ]);
    const b2 = y2025.tally.units.find((u) => u.unitId === 'brigade2')!;
    expect(r.units.brigade2!.previous).toEqual({ campaignId: 'c2025', year: 2025, rank: b2.rank, categoryRank: 2, total: b2.total });
    expect(r.units.muck!.previous).toMatchObject({ rank: null, total: null });
    // Every compared year, in the order of campaigns (the 通报's earlier-year columns).
    const b2old = y2024.tally.units.find((u) => u.unitId === 'brigade2')!;
    expect(r.units.brigade2!.earlier).toEqual([
      { campaignId: 'c2025', year: 2025, rank: b2.rank, categoryRank: 2, total: b2.total },
      { campaignId: 'c2024', year: 2024, rank: b2old.rank, categoryRank: b2old.categoryRank ?? expect.any(Number), total: b2old.total },
    ]);
    expect(compareYears(y2026, [y2025]).units.brigade2!.earlier).toHaveLength(1);
  });

  it('flags last place, last two and three years running, and first in category two years running', () => {
    const r = compareYears(y2026, [y2025, y2024]);
    expect(r.units.law!.flags).toEqual(['last', 'last-2-years', 'last-3-years']);
    // brigade1 is first among 行政执法类 in 2026 and 2025 (muck ties it in 2026: both first).
    expect(r.units.brigade1!.flags).toEqual(['first-in-category-2-years']);
    expect(r.units.office!.flags).toEqual(['first-in-category-2-years']);
    expect(compareYears(y2026, [y2025]).units.law!.flags).toEqual(['last', 'last-2-years']);
    expect(compareYears(y2026, []).units.law!.flags).toEqual(['last']);
    expect(compareYears(y2025, [y2024]).units.brigade2!.flags).toEqual([]);
  });
});
