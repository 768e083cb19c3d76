// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { categoryRanks, questionnaires, rankByTotal, unrankedFlags, type SurveyScores } from '../../../src/domain/scoring';

const survey = (counted: Record<string, number>): SurveyScores => ({
  score: 80,
  byGroup: Object.fromEntries(Object.entries(counted).map(([g, n]) => [g, { score: 80, counted: n, unknown: 3 }])),
  byDimension: {},
});
const withMin = (minSampleToRank: number | undefined): Campaign => ({ ...DEMO_CAMPAIGN, minSampleToRank });
const unitOf = (id: string, retired?: boolean): Campaign['units'][number] => ({ id, name: id, category: 'x', ...(retired === undefined ? {} : { retired }) });

describe('questionnaires: the counted answers of the campaign’s rater groups', () => {
  it('sums the counted answers of every rater group, not the 不了解 ones', () => {
    expect(questionnaires(DEMO_CAMPAIGN, survey({ expert: 4, public: 5, client: 6 }))).toBe(15);
  });

  it('takes a group without answers as 0 and leaves out groups the campaign does not name', () => {
    expect(questionnaires(DEMO_CAMPAIGN, survey({ public: 5, gone: 100 }))).toBe(5);
    expect(questionnaires(DEMO_CAMPAIGN, survey({}))).toBe(0);
  });
});

describe('unrankedFlags: small-sample under minSampleToRank, retired, vetoed, in that order', () => {
  it('flags small-sample below minSampleToRank but not at it', () => {
    const c = withMin(10);
    expect(unrankedFlags(c, unitOf('law'), survey({ expert: 3, public: 3, client: 3 }), {})).toEqual(['small-sample']);
    expect(unrankedFlags(c, unitOf('law'), survey({ expert: 3, public: 3, client: 4 }), {})).toEqual([]);
  });

  it('flags nothing for the sample when the campaign sets no minSampleToRank, and nothing at a minimum of 0', () => {
    expect(unrankedFlags(withMin(undefined), unitOf('law'), survey({}), {})).toEqual([]);
    expect(unrankedFlags(withMin(0), unitOf('law'), survey({}), {})).toEqual([]);
  });

  it('flags a retired unit, and not one marked retired: false', () => {
    expect(unrankedFlags(withMin(undefined), unitOf('law', true), survey({}), {})).toEqual(['retired']);
    expect(unrankedFlags(withMin(undefined), unitOf('law', false), survey({}), {})).toEqual([]);
  });

  it('flags a vetoed unit by the office’s own entries only', () => {
    expect(unrankedFlags(withMin(undefined), unitOf('law'), survey({}), { law: '一票否决' })).toEqual(['vetoed']);
    expect(unrankedFlags(withMin(undefined), unitOf('law'), survey({}), { office: '一票否决' })).toEqual([]);
    expect(unrankedFlags(withMin(undefined), unitOf('toString'), survey({}), {})).toEqual([]);
  });

  it('gives every reason that applies, in flag order', () => {
    expect(unrankedFlags(withMin(1), unitOf('law', true), survey({}), { law: 'x' })).toEqual(['small-sample', 'retired', 'vetoed']);
  });
});

type Entry = { unitId: string; category: string; total: number | null; rank: number | null };
const e = (unitId: string, category: string, total: number | null, rank: number | null): Entry => ({ unitId, category, total, rank });

describe('categoryRanks: ranks among the ranked units of each category, ties as for rank', () => {
  it('ranks each category on its own, in the given rank order', () => {
    const r = categoryRanks([e('a1', 'A', 90, 1), e('b1', 'B', 85, 2), e('a2', 'A', 80, 3), e('b2', 'B', 70, 4), e('a3', 'A', 60, 5)]);
    expect([...r]).toEqual([
      ['a1', 1],
      ['b1', 1],
      ['a2', 2],
      ['b2', 2],
      ['a3', 3],
    ]);
  });

  it('shares a rank for totals equal to 2 decimals and skips the next: 1, 2, 2, 4', () => {
    const r = categoryRanks([e('a', 'A', 90, 1), e('b', 'A', 80.004, 2), e('c', 'A', 79.996, 2), e('d', 'A', 70, 4)]);
    expect([...r.values()]).toEqual([1, 2, 2, 4]);
  });

  it('does not share a rank for totals that differ at 2 decimals', () => {
    const r = categoryRanks([e('a', 'A', 80.006, 1), e('b', 'A', 80.004, 2)]);
    expect([...r.values()]).toEqual([1, 2]);
  });

  it('gives null to an entry without a rank or without a total, and it takes no place', () => {
    const r = categoryRanks([e('a', 'A', 90, 1), e('v', 'A', 85, null), e('n', 'A', null, 2), e('b', 'A', 80, 2)]);
    expect(r.get('v')).toBeNull();
    expect(r.get('n')).toBeNull();
    expect(r.get('b')).toBe(2);
    expect(r.size).toBe(4);
  });

  it('starts a category with rank 1 even when its first total is 0', () => {
    const r = categoryRanks([e('a', 'A', 0, 1), e('b', 'A', 0, 1)]);
    expect([...r.values()]).toEqual([1, 1]);
  });
});

type RankEntry = { id: string; total: number | null; unranked?: boolean };

describe('rankByTotal (src/domain/DOMAIN.md Scoring 5)', () => {
  it('ranks highest first, ties at 2 decimals sharing a rank in input order, the next rank skipped', () => {
    const out = rankByTotal<RankEntry>([
      { id: 'low', total: 60 },
      { id: 'tie1', total: 80.001 },
      { id: 'top', total: 95 },
      { id: 'tie2', total: 79.999 },
    ]);
    expect(out.map((x) => [x.id, x.rank])).toEqual([
      ['top', 1],
      ['tie1', 2],
      ['tie2', 2],
      ['low', 4],
    ]);
  });

  it('lists unranked entries after the ranked ones, then entries without a total, each in input order, rank null', () => {
    const out = rankByTotal<RankEntry>([
      { id: 'none1', total: null },
      { id: 'vetoed1', total: 99, unranked: true },
      { id: 'ranked', total: 50 },
      { id: 'none2', total: null, unranked: true },
      { id: 'vetoed2', total: 98, unranked: true },
    ]);
    expect(out.map((x) => [x.id, x.rank])).toEqual([
      ['ranked', 1],
      ['vetoed1', null],
      ['vetoed2', null],
      ['none1', null],
      ['none2', null],
    ]);
  });

  it('ranks a total of 0 and keeps each entry’s other fields', () => {
    const out = rankByTotal<RankEntry>([
      { id: 'zero', total: 0, unranked: false },
      { id: 'one', total: 1 },
    ]);
    expect(out).toEqual([
      { id: 'one', total: 1, rank: 1 },
      { id: 'zero', total: 0, unranked: false, rank: 2 },
    ]);
  });

  it('gives nothing for no entries', () => {
    expect(rankByTotal([])).toEqual([]);
  });
});
