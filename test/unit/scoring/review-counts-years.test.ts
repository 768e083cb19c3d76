import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import type { ReviewState } from '../../../src/domain/review';
import {
  accumulate,
  compareYears,
  computeTally,
  effectiveAnswers,
  NO_MANUAL_SCORES,
  questionnaires,
  reviewedAggregate,
  type ReviewCounts,
  type Tally,
  type YearTally,
} from '../../../src/domain/scoring';
import type { PingyiRecord } from '../../../src/domain/records';
import { answers, META } from './helpers';

describe('reviewedAggregate', () => {
  const list = [
    ...answers(DEMO_CAMPAIGN, 'office', 'public', 'very', 4).map((a, i) => ({ ...a, originalId: `o${i}` })),
    ...answers(DEMO_CAMPAIGN, 'law', 'public', 'less', 2).map((a, i) => ({ ...a, originalId: `l${i}` })),
  ];
  const states: Record<string, ReviewState> = { o0: 'held', o1: 'excluded', o2: 'accepted', l0: 'counted' };

  it('counts each unit’s questionnaires by state, one without a state as counted', () => {
    const { counts } = reviewedAggregate(list, (id) => states[id]);
    expect(Object.fromEntries(counts)).toEqual({
      office: { counted: 2, held: 1, excluded: 1 },
      law: { counted: 2, held: 0, excluded: 0 },
    });
  });

  it('aggregates only the counted and accepted ones', () => {
    const { aggregate } = reviewedAggregate(list, (id) => states[id]);
    const counted = list.filter((a) => states[a.originalId] !== 'held' && states[a.originalId] !== 'excluded');
    expect(aggregate).toEqual(accumulate(counted));
    expect(aggregate.get('office')?.get('public')?.overall.get('very')).toBe(2);
  });
});

describe('computeTally: provisional while any questionnaire is held', () => {
  const tally = (counts?: ReviewCounts) => computeTally(DEMO_CAMPAIGN, new Map(), NO_MANUAL_SCORES, META, {}, counts);
  it('is not provisional without counts, nor when nothing is held', () => {
    expect(tally().provisional).toBe(false);
    expect(tally(new Map([['office', { counted: 3, held: 0, excluded: 1 }]])).provisional).toBe(false);
  });
  it('is provisional when one questionnaire is held, also of a unit the campaign no longer names', () => {
    expect(
      tally(
        new Map([
          ['office', { counted: 3, held: 0, excluded: 0 }],
          ['law', { counted: 0, held: 1, excluded: 0 }],
        ]),
      ).provisional,
    ).toBe(true);
    expect(tally(new Map([['gone', { counted: 0, held: 2, excluded: 0 }]])).provisional).toBe(true);
  });
  it('shows each unit’s counts, zeros where it has none', () => {
    const t = tally(new Map([['law', { counted: 5, held: 1, excluded: 2 }]]));
    expect(t.units.find((u) => u.unitId === 'law')?.counts).toEqual({ counted: 5, held: 1, excluded: 2 });
    expect(t.units.find((u) => u.unitId === 'office')?.counts).toEqual({ counted: 0, held: 0, excluded: 0 });
  });
});

describe('questionnaires', () => {
  it('counts nothing for a group without answers', () => {
    expect(questionnaires(DEMO_CAMPAIGN, { score: null, byGroup: {}, byDimension: {} })).toBe(0);
    expect(questionnaires(DEMO_CAMPAIGN, { score: 90, byGroup: { public: { score: 90, counted: 7, unknown: 2 } }, byDimension: {} })).toBe(7);
  });
});

describe('effectiveAnswers', () => {
  const f2f = (id: string, seq: number, overall: string) =>
    ({
      type: 'f2f',
      id,
      seq,
      campaignId: 'demo',
      deviceId: 'd1',
      collector: '张三',
      sealedAt: '2026-11-21T09:31:00.000Z',
      body: { unitId: 'office', raterGroup: 'public', overall, ratings: {}, durationMs: 1000 },
    }) as unknown as PingyiRecord;
  const amendOf = (target: string, seq: number, overall: string) =>
    ({
      type: 'amend',
      id: `a${seq}`,
      seq,
      body: { targetId: target, body: { unitId: 'office', raterGroup: 'public', overall, ratings: {}, durationMs: 1000 } },
    }) as unknown as PingyiRecord;

  it('gives the seq of the version that counts: the original’s, or its latest amend’s', () => {
    const out = effectiveAnswers([f2f('x', 1, 'very'), f2f('y', 2, 'very'), amendOf('y', 7, 'less'), amendOf('y', 4, 'neutral')]);
    expect(out.map((a) => [a.originalId, a.latestSeq, a.overall])).toEqual([
      ['x', 1, 'very'],
      ['y', 7, 'less'],
    ]);
  });
});

describe('compareYears', () => {
  const year = (id: string, y: number): Campaign => ({ ...DEMO_CAMPAIGN, id, year: y });
  type Row = { unitId: string; rank: number | null; total: number | null; categoryRank?: number | null };
  const tallied = (campaign: Campaign, units: Row[]): YearTally => ({ campaign, tally: { units } as unknown as Tally });
  // brigade1, brigade2 and muck are of 行政执法类; office and law of 机关科室.
  const now = tallied(year('c2026', 2026), [
    { unitId: 'brigade1', rank: 1, total: 95 },
    { unitId: 'office', rank: 2, total: 90 },
    { unitId: 'brigade2', rank: 3, total: 85 },
    { unitId: 'law', rank: 4, total: 80 },
  ]);

  it('flags last only the unit at the last rank', () => {
    const r = compareYears(now, []);
    expect(r.units.law!.flags).toEqual(['last']);
    expect(r.units.brigade2!.flags).toEqual([]);
    expect(r.units.office!.flags).toEqual([]);
  });

  it('flags last three years running only when it was last in both campaigns before', () => {
    const lastIn2025 = tallied(year('c2025', 2025), [
      { unitId: 'office', rank: 1, total: 90 },
      { unitId: 'law', rank: 2, total: 80 },
    ]);
    const notLastIn2024 = tallied(year('c2024', 2024), [
      { unitId: 'law', rank: 1, total: 90 },
      { unitId: 'office', rank: 2, total: 80 },
    ]);
    expect(compareYears(now, [lastIn2025, notLastIn2024]).units.law!.flags).toEqual(['last', 'last-2-years']);
    expect(compareYears(now, [notLastIn2024, lastIn2025]).units.law!.flags).toEqual(['last']);
    expect(compareYears(now, [lastIn2025, lastIn2025]).units.law!.flags).toEqual(['last', 'last-2-years', 'last-3-years']);
  });

  it('looks at no more than the two campaigns before', () => {
    const y = (id: string, n: number) => tallied(year(id, n), [{ unitId: 'law', rank: 1, total: 80 }]);
    const r = compareYears(now, [y('c2025', 2025), y('c2024', 2024), y('c2023', 2023)]);
    expect(r.campaigns.map((c) => c.campaignId)).toEqual(['c2025', 'c2024']);
    expect(r.units.law!.earlier).toHaveLength(2);
  });

  it('flags first in category two years running only when first in both', () => {
    const before = tallied(year('c2025', 2025), [
      { unitId: 'brigade2', rank: 1, total: 92 },
      { unitId: 'law', rank: 2, total: 91 },
      { unitId: 'brigade1', rank: 3, total: 90 },
      { unitId: 'office', rank: 4, total: 89 },
    ]);
    const r = compareYears(now, [before]);
    expect(r.units.brigade1!.flags).toEqual([]);
    expect(r.units.brigade2!.flags).toEqual([]);
    expect(r.units.office!.flags).toEqual([]);
    expect(r.units.law!.flags).toEqual(['last']);
    const both = compareYears(now, [now]);
    expect(both.units.brigade1!.flags).toEqual(['first-in-category-2-years']);
    expect(both.units.office!.flags).toEqual(['first-in-category-2-years']);
  });

  it('takes the category rank a tally gives over one computed from its ranks', () => {
    const signed = tallied(year('c2025', 2025), [
      { unitId: 'brigade1', rank: 1, total: 95, categoryRank: null },
      { unitId: 'brigade2', rank: 2, total: 85, categoryRank: 1 },
    ]);
    const r = compareYears(now, [signed]);
    expect(r.units.brigade2!.previous?.categoryRank).toBe(1);
    expect(r.units.brigade1!.previous?.categoryRank).toBeNull();
    expect(r.units.brigade1!.flags).toEqual([]);
  });
});
