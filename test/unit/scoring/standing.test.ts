import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { accumulate, computeTally, type F2fAnswer, type ManualScores, type Tally } from '../../../src/domain/scoring';
import { answers, META } from './helpers';

const C: Campaign = { ...DEMO_CAMPAIGN, minSamplePerGroup: 0, scoring: { ...DEMO_CAMPAIGN.scoring, rankWithin: 'category' } };
const levels = ['very', 'fairly', 'neutral', 'less', 'dissatisfied'];
/** Every manual figure, but no 网络测评 for muck: without answers it has no total. */
const FULL: ManualScores = {
  scores: Object.fromEntries(C.units.map((u) => [u.id, (u.id === 'muck' ? { daily: 80 } : { daily: 80, network: 80 }) as Record<string, number>])),
  bonusRanking: [],
};

/** n answers of every group about a unit, at one level. */
const everyGroup = (c: Campaign, unitId: string, level: string, n = 1): F2fAnswer[] => c.raterGroups.flatMap((g) => answers(c, unitId, g.id, level, n));
const unit = (t: Tally, id: string) => t.units.find((u) => u.unitId === id)!;

describe('ranking within categories, vetoes, retired units, minimum samples', () => {
  it('ranks each unit among its category as well as overall, with ties as for rank', () => {
    // brigade1 and brigade2 tie (both 满意); brigade3 below; office and law are 机关科室.
    const agg = accumulate([
      ...everyGroup(C, 'brigade1', 'very'),
      ...everyGroup(C, 'brigade2', 'very'),
      ...everyGroup(C, 'brigade3', 'neutral'),
      ...everyGroup(C, 'office', 'fairly'),
      ...everyGroup(C, 'law', 'less'),
    ]);
    const five = ['brigade1', 'brigade2', 'brigade3', 'office', 'law'];
    const t = computeTally(C, agg, { scores: Object.fromEntries(five.map((id) => [id, FULL.scores[id]!])), bonusRanking: [] }, META);
    expect(t).toMatchObject({ campaignVersion: 1, campaignHash: META.campaignHash });
    const ranks = Object.fromEntries(t.units.map((u) => [u.unitId, [u.rank, u.categoryRank]]));
    expect(ranks).toMatchObject({ brigade1: [1, 1], brigade2: [1, 1], office: [3, 1], brigade3: [4, 3], law: [5, 2] });
    // Units without a total are unranked in their category too.
    expect(unit(t, 'muck')).toMatchObject({ rank: null, categoryRank: null });
  });

  it('leaves categoryRank out of the tally of a campaign that ranks only overall', () => {
    const t = computeTally(DEMO_CAMPAIGN, accumulate(everyGroup(DEMO_CAMPAIGN, 'brigade1', 'very')), FULL, META);
    expect('categoryRank' in unit(t, 'brigade1')).toBe(false);
  });

  it('vetoes a unit: it keeps its scores, loses its rank, is flagged vetoed and listed after the ranked units', () => {
    const agg = accumulate([...everyGroup(C, 'brigade1', 'very'), ...everyGroup(C, 'brigade2', 'fairly'), ...everyGroup(C, 'brigade3', 'neutral')]);
    const plain = computeTally(C, agg, FULL, META);
    const vetoed = computeTally(C, agg, FULL, META, { brigade1: '发生严重违纪问题' });
    const b1 = unit(vetoed, 'brigade1');
    expect(b1).toMatchObject({ rank: null, categoryRank: null, total: unit(plain, 'brigade1').total, flags: ['vetoed'] });
    expect(unit(vetoed, 'brigade2')).toMatchObject({ rank: 1, categoryRank: 1 });
    const order = vetoed.units.map((u) => u.unitId);
    expect(order.indexOf('brigade1')).toBeGreaterThan(order.indexOf('brigade3'));
    // …but before the units without a total.
    expect(order.indexOf('brigade1')).toBeLessThan(order.indexOf('muck'));
  });

  it('lists a retired unit unranked with flag retired, its scores kept', () => {
    const c: Campaign = { ...C, units: C.units.map((u) => (u.id === 'brigade2' ? { ...u, retired: true } : u)) };
    const t = computeTally(c, accumulate([...everyGroup(c, 'brigade1', 'fairly'), ...everyGroup(c, 'brigade2', 'very')]), FULL, META);
    expect(unit(t, 'brigade2')).toMatchObject({ rank: null, flags: ['retired'] });
    expect(unit(t, 'brigade2').total).not.toBeNull();
    expect(unit(t, 'brigade1').rank).toBe(1);
  });

  it('leaves a unit with fewer counted questionnaires than minSampleToRank unranked, flagged small-sample', () => {
    const c: Campaign = { ...C, minSamplePerGroup: 0, minSampleToRank: 4 };
    const agg = accumulate([...everyGroup(c, 'brigade1', 'very'), ...everyGroup(c, 'brigade2', 'very'), ...answers(c, 'brigade2', 'client', 'fairly', 1)]);
    const t = computeTally(c, agg, FULL, META);
    expect(unit(t, 'brigade1')).toMatchObject({ rank: null, flags: ['small-sample'] });
    expect(unit(t, 'brigade2')).toMatchObject({ rank: 1, flags: [] });
  });

  it('does not count a questionnaire answered 不了解 overall towards minSampleToRank (“不了解”不统计)', () => {
    const c: Campaign = { ...C, minSamplePerGroup: 0, minSampleToRank: 4 };
    // brigade1: 3 counted + 2 不了解 overall (5 questionnaires, 3 towards the minimum); brigade2: 4 counted.
    const given = [
      ...everyGroup(c, 'brigade1', 'very'),
      ...answers(c, 'brigade1', 'client', 'unknown', 2),
      ...everyGroup(c, 'brigade2', 'fairly'),
      ...answers(c, 'brigade2', 'client', 'fairly', 1),
    ];
    const t = computeTally(c, accumulate(given), FULL, META);
    expect(unit(t, 'brigade1').survey.byGroup.client).toMatchObject({ counted: 1, unknown: 2 });
    expect(unit(t, 'brigade1')).toMatchObject({ rank: null, flags: ['small-sample'] });
    expect(unit(t, 'brigade2')).toMatchObject({ rank: 1, flags: [] });
    // One more counted answer reaches the minimum.
    const more = computeTally(c, accumulate([...given, ...answers(c, 'brigade1', 'expert', 'very', 1)]), FULL, META);
    expect(unit(more, 'brigade1')).toMatchObject({ rank: 1, flags: [] });
  });

  const aggArb = fc
    .array(fc.record({ unit: fc.constantFrom(...C.units.map((u) => u.id)), level: fc.constantFrom(...levels) }), { maxLength: 30 })
    .map((xs) => accumulate(xs.flatMap((x) => everyGroup(C, x.unit, x.level))));

  it('property: a category rank is the overall rank order restricted to the category', () => {
    fc.assert(
      fc.property(aggArb, (agg) => {
        const t = computeTally(C, agg, FULL, META);
        for (const cat of new Set(C.units.map((u) => u.category))) {
          const members = t.units.filter((u) => u.rank !== null && C.units.find((x) => x.id === u.unitId)!.category === cat);
          members.forEach((u, i) => {
            const expected = i === 0 || Math.round(u.total! * 100) !== Math.round(members[i - 1]!.total! * 100) ? i + 1 : members[i - 1]!.categoryRank;
            expect(u.categoryRank).toBe(expected);
          });
        }
      }),
    );
  });

  it('property: a veto changes no score and no other unit’s relative order', () => {
    fc.assert(
      fc.property(aggArb, fc.constantFrom(...C.units.map((u) => u.id)), (agg, vetoedId) => {
        const plain = computeTally(C, agg, FULL, META);
        const vetoed = computeTally(C, agg, FULL, META, { [vetoedId]: '否决' });
        for (const u of plain.units) expect(unit(vetoed, u.unitId).total).toBe(u.total);
        const others = (t: Tally) => t.units.filter((u) => u.rank !== null && u.unitId !== vetoedId).map((u) => u.unitId);
        expect(others(vetoed)).toEqual(others(plain));
        expect(unit(vetoed, vetoedId).rank).toBeNull();
        expect(vetoed.units.every((u, i) => i === 0 || u.rank === null || vetoed.units[i - 1]!.rank !== null)).toBe(true);
      }),
    );
  });
});
