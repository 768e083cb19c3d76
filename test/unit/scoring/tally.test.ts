// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { accumulate, computeTally, rankByTotal, type ManualScores, type UnitTally } from '../../../src/domain/scoring';
import { META, SEED_004, answersByLevel } from './helpers';

const byId = (units: UnitTally[], id: string) => units.find((u) => u.unitId === id)!;
const allGroups = (unitId: string, levels: Record<string, Record<string, number>>) =>
  Object.entries(levels).flatMap(([g, counts]) => answersByLevel(DEMO_CAMPAIGN, unitId, g, counts));

describe('seed 000 composite: 日常考评 20 + 群众评议 80 = (网络测评 + 问卷调查) / 2, bonus inside 日常考评', () => {
  const brigadeAnswers = {
    expert: { very: 30, neutral: 10 }, // (3000 + 600) / 40 = 90
    public: { fairly: 20, neutral: 20, unknown: 5 }, // (1600 + 1200) / 40 = 70
    client: { very: 30, dissatisfied: 10 }, // (3000 + 200) / 40 = 80
  };
  // Computed inside each test, not at collection time, so that mutation testing attributes the
  // scoring code to the tests that check it.
  const seed000 = () => {
    const agg = accumulate([
      ...allGroups('brigade1', brigadeAnswers),
      ...allGroups('brigade2', brigadeAnswers),
      ...allGroups('office', { expert: { very: 40 }, client: { very: 40 } }),
      ...allGroups('law', { expert: { very: 40 }, public: { very: 40 }, client: { very: 40 } }),
      ...allGroups('cityscape', { expert: { very: 10 }, public: { very: 40 }, client: { very: 40 } }),
    ]);
    const manual: ManualScores = {
      scores: {
        brigade1: { network: 90, daily: 95 },
        brigade2: { network: 90, daily: 99 },
        office: { network: 80, daily: 100 },
        law: { network: 100 },
        cityscape: { network: 100, daily: 100 },
      },
      bonusRanking: ['brigade1', 'brigade2', 'office', 'cityscape'],
    };
    return computeTally(DEMO_CAMPAIGN, agg, manual, META);
  };

  it('computes a unit by hand: survey 0.3·90 + 0.3·70 + 0.4·80 = 80, 群众评议 80·(80+90)/2/100 = 68, 日常考评 19 + 0.5', () => {
    const tally = seed000();
    const u = byId(tally.units, 'brigade1');
    expect(u.survey.byGroup).toEqual({
      expert: { score: 90, counted: 40, unknown: 0 },
      public: { score: 70, counted: 40, unknown: 5 },
      client: { score: 80, counted: 40, unknown: 0 },
    });
    expect(u.survey.score).toBeCloseTo(80, 12);
    expect(u.survey.byDimension.openness).toBeCloseTo(80, 12);
    expect(u.components.public).toBeCloseTo(68, 12);
    expect(u.components.daily).toBeCloseTo(19.5, 12);
    expect(u.total).toBeCloseTo(87.5, 12);
    expect(u.flags).toEqual([]);
  });

  it('never lets the bonus past the component max (seed: 加分后的得分不突破日常考评的总分)', () => {
    const tally = seed000();
    // 19.8 + 0.4 would be 20.2
    expect(byId(tally.units, 'brigade2').components.daily).toBe(20);
    expect(byId(tally.units, 'office').components.daily).toBe(20);
    expect(byId(tally.units, 'brigade2').total).toBeCloseTo(88, 12);
  });

  it('renormalises over the groups that answered and flags the unit incomplete', () => {
    const tally = seed000();
    const u = byId(tally.units, 'office');
    expect(u.survey.score).toBe(100);
    expect(u.survey.byGroup.public).toEqual({ score: null, counted: 0, unknown: 0 });
    expect(u.flags).toEqual(['incomplete']);
    expect(u.total).toBeCloseTo(92, 12);
  });

  it('leaves a unit with an undefined component unranked, after the ranked ones', () => {
    const tally = seed000();
    const law = byId(tally.units, 'law');
    expect(law.components).toEqual({ daily: null, public: 80 });
    expect(law.total).toBeNull();
    expect(law.rank).toBeNull();
    expect(law.flags).toEqual(['incomplete']);
    const silent = byId(tally.units, 'muck');
    expect(silent.survey.score).toBeNull();
    expect(silent.components).toEqual({ daily: null, public: null });
  });

  it('flags a small sample but still scores it', () => {
    const tally = seed000();
    const u = byId(tally.units, 'cityscape');
    expect(u.flags).toEqual(['small-sample']);
    expect(u.survey.byGroup.expert!.counted).toBe(10);
    expect(u.total).toBe(100);
  });

  it('lists units by rank, unranked last in campaign order', () => {
    const tally = seed000();
    expect(tally.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['cityscape', 1],
      ['office', 2],
      ['brigade2', 3],
      ['brigade1', 4],
      ['law', null],
      ['inspect', null],
      ['approval', null],
      ['brigade3', null],
      ['muck', null],
    ]);
    expect(tally.units[0]!.name).toBe('市容管理科');
  });

  it('has exactly the PROTOCOL.md tally shape', () => {
    const tally = seed000();
    expect(Object.keys(tally)).toEqual(['campaignId', 'campaignVersion', 'campaignHash', 'computedAt', 'logSize', 'logRoot', 'provisional', 'units']);
    expect(Object.keys(tally.units[0]!)).toEqual(['unitId', 'name', 'rank', 'total', 'components', 'survey', 'flags', 'counts']);
    expect(tally.provisional).toBe(false);
    expect(tally.units[0]!.counts).toEqual({ counted: 0, held: 0, excluded: 0 });
    expect(Object.keys(tally.units[0]!.survey)).toEqual(['score', 'byGroup', 'byDimension']);
    expect(JSON.parse(JSON.stringify(tally))).toEqual(tally);
  });
});

describe('seed 004: four levels 优秀 90 / 满意 80 / 基本满意 70 / 不满意 50; 群众满意度 70 + 检查评议 30', () => {
  const seed004 = () => {
    const agg = accumulate([
      ...answersByLevel(SEED_004, 'city-a', 'public', { excellent: 40, good: 40, fair: 15, poor: 5 }),
      ...answersByLevel(SEED_004, 'city-b', 'public', { excellent: 100 }),
    ]);
    return computeTally(SEED_004, agg, { scores: { 'city-a': { inspection: 80 }, 'city-b': { inspection: 90 } }, bonusRanking: [] }, META);
  };

  it('computes S = 81, 群众满意度 70·81/100 = 56.7, 检查评议 30·80/100 = 24, total 80.7', () => {
    const tally = seed004();
    const a = byId(tally.units, 'city-a');
    expect(a.survey.score).toBeCloseTo(81, 12);
    expect(a.components.satisfaction).toBeCloseTo(56.7, 12);
    expect(a.components.inspection).toBeCloseTo(24, 12);
    expect(a.total).toBeCloseTo(80.7, 12);
    expect(a.rank).toBe(2);
  });

  it('ranks city-b (90 → 63 + 27) first and leaves city-c without answers unranked', () => {
    const tally = seed004();
    expect(tally.units.map((u) => [u.unitId, u.rank, u.total === null ? null : Math.round(u.total * 100) / 100])).toEqual([
      ['city-b', 1, 90],
      ['city-a', 2, 80.7],
      ['city-c', null, null],
    ]);
    expect(byId(tally.units, 'city-c').flags).toEqual(['incomplete']);
  });
});

describe('ranking (src/domain/DOMAIN.md Scoring 5)', () => {
  it('shares a rank for totals equal to 2 decimals and skips the next: 1, 2, 2, 4', () => {
    const ranked = rankByTotal([{ total: 80 }, { total: 87.996 }, { total: null }, { total: 90 }, { total: 88.001 }]);
    expect(ranked.map((e) => [e.total, e.rank])).toEqual([
      [90, 1],
      [87.996, 2], // tied ranks keep campaign order
      [88.001, 2],
      [80, 4],
      [null, null],
    ]);
  });
  it('does not share a rank for totals that differ at 2 decimals', () => {
    expect(rankByTotal([{ total: 88.004 }, { total: 88.006 }]).map((e) => e.rank)).toEqual([1, 2]);
  });
});

describe('flags at their edges (src/domain/DOMAIN.md Scoring 7)', () => {
  const full = { expert: { very: 30 }, public: { very: 30 }, client: { very: 30 } };
  const daily = { network: 100, daily: 100 };

  it('flags small-sample below minSamplePerGroup (29 counted) but not at it (30 counted)', () => {
    const agg = accumulate([...allGroups('office', full), ...allGroups('law', { ...full, public: { very: 29, unknown: 5 } })]);
    const tally = computeTally(DEMO_CAMPAIGN, agg, { scores: { office: daily, law: daily }, bonusRanking: [] }, META);
    expect(byId(tally.units, 'office').flags).toEqual([]);
    expect(byId(tally.units, 'law').flags).toEqual(['small-sample']);
    expect(byId(tally.units, 'law').survey.byGroup.public).toEqual({ score: 100, counted: 29, unknown: 5 });
  });

  it('flags incomplete when a manual part has no figure, though its component and the total have a value', () => {
    const agg = accumulate(allGroups('office', full));
    const tally = computeTally(DEMO_CAMPAIGN, agg, { scores: { office: { daily: 90 } }, bonusRanking: [] }, META);
    const u = byId(tally.units, 'office');
    expect(u.components).toEqual({ daily: 18, public: 80 }); // 群众评议 from the survey part alone: 80 × 100 / 100
    expect(u.total).toBe(98);
    expect(u.rank).toBe(1);
    expect(u.flags).toEqual(['incomplete']);
  });

  it('flags incomplete when a rater group answered only 不了解 (answers, but none counted)', () => {
    const agg = accumulate(allGroups('office', { ...full, client: { unknown: 40 } }));
    const tally = computeTally(DEMO_CAMPAIGN, agg, { scores: { office: daily }, bonusRanking: [] }, META);
    const u = byId(tally.units, 'office');
    expect(u.survey.byGroup.client).toEqual({ score: null, counted: 0, unknown: 40 });
    expect(u.survey.score).toBe(100);
    expect(u.total).toBe(100);
    expect(u.flags).toEqual(['incomplete']);
  });
});
