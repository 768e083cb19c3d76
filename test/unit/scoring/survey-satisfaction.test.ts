// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { accumulate, addOverall, addRating, emptyAggregate, satisfaction, unitSurvey, weightedMean, type F2fAnswer } from '../../../src/domain/scoring';

const counts = (o: Record<string, number>) => new Map(Object.entries(o));
const answer = (unitId: string, raterGroup: string, overall: string, ratings: Record<string, string> = {}): F2fAnswer => ({
  unitId,
  raterGroup,
  overall,
  ratings,
});
const repeat = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

/** DEMO_CAMPAIGN with only two dimensions, to keep the worked examples short. */
const TWO_DIMS: Campaign = { ...DEMO_CAMPAIGN, dimensions: DEMO_CAMPAIGN.dimensions.slice(0, 2) };
const [D1, D2] = TWO_DIMS.dimensions.map((d) => d.id) as [string, string];

describe('satisfaction: S = Σ n_k·score_k / Σ n_k over the levels with a score', () => {
  it('weights each level by its count: 3 at 100 and 1 at 20 is 80', () => {
    expect(satisfaction(counts({ very: 3, dissatisfied: 1 }), DEMO_CAMPAIGN.scale)).toEqual({ score: 80, counted: 4, unknown: 0 });
  });

  it('counts a level whose score is 0 as counted, not unknown', () => {
    const scale = [
      { key: 'good', label: '好', score: 100 },
      { key: 'bad', label: '差', score: 0 },
    ];
    expect(satisfaction(counts({ good: 1, bad: 3 }), scale)).toEqual({ score: 25, counted: 4, unknown: 0 });
    expect(satisfaction(counts({ bad: 2 }), scale)).toEqual({ score: 0, counted: 2, unknown: 0 });
  });

  it('keeps 不了解 answers out of the score and counts them as unknown', () => {
    expect(satisfaction(counts({ fairly: 2, unknown: 5 }), DEMO_CAMPAIGN.scale)).toEqual({ score: 80, counted: 2, unknown: 5 });
  });
});

describe('weightedMean: Σ w·S / Σ w over the defined values', () => {
  it('is undefined when the defined weights sum to 0', () => {
    expect(weightedMean([{ weight: 0, value: 50 }])).toBeNull();
  });

  it('weights the values: 0.25·100 + 0.75·60 = 70, a null value renormalised away', () => {
    expect(
      weightedMean([
        { weight: 0.25, value: 100 },
        { weight: 0.75, value: 60 },
        { weight: 5, value: null },
      ]),
    ).toBeCloseTo(70, 12);
  });

  it('averages a value of 0 in, not away', () => {
    expect(
      weightedMean([
        { weight: 1, value: 0 },
        { weight: 1, value: 100 },
      ]),
    ).toBe(50);
  });
});

describe('unitSurvey: S_g per rater group, unit score and dimensions weighted by group (src/domain/DOMAIN.md Scoring 2)', () => {
  it('works a unit by hand: expert 100, public 60, client 20 → 0.3·100 + 0.3·60 + 0.4·20 = 56', () => {
    const agg = accumulate([
      answer('law', 'expert', 'very', { [D1]: 'very', [D2]: 'neutral' }),
      answer('law', 'public', 'neutral', { [D1]: 'fairly', [D2]: 'unknown' }),
      answer('law', 'client', 'dissatisfied', { [D1]: 'less' }),
    ]);
    const r = unitSurvey(TWO_DIMS, agg.get('law'));
    expect(r.survey.byGroup).toEqual({
      expert: { score: 100, counted: 1, unknown: 0 },
      public: { score: 60, counted: 1, unknown: 0 },
      client: { score: 20, counted: 1, unknown: 0 },
    });
    expect(r.survey.score).toBeCloseTo(56, 12);
    // D1: 0.3·100 + 0.3·80 + 0.4·40 = 70; D2: expert alone (public 不了解, client none) = 60
    expect(r.survey.byDimension[D1]).toBeCloseTo(70, 12);
    expect(r.survey.byDimension[D2]).toBeCloseTo(60, 12);
    expect(Object.keys(r.survey.byDimension)).toEqual([D1, D2]);
    expect(r.incomplete).toBe(false);
    // one counted answer per group, under minSamplePerGroup 30
    expect(r.smallSample).toBe(true);
  });

  it('renormalises over the groups with a counted overall answer and flags the unit incomplete', () => {
    const agg = accumulate([
      ...repeat(30, answer('law', 'expert', 'very')),
      ...repeat(30, answer('law', 'client', 'neutral')),
      answer('law', 'public', 'unknown'),
    ]);
    const r = unitSurvey(TWO_DIMS, agg.get('law'));
    // (0.3·100 + 0.4·60) / 0.7
    expect(r.survey.score).toBeCloseTo(54 / 0.7, 12);
    expect(r.survey.byGroup.public).toEqual({ score: null, counted: 0, unknown: 1 });
    expect(r.incomplete).toBe(true);
    // a group with no counted answer is incomplete, not small-sample
    expect(r.smallSample).toBe(false);
  });

  it('flags small-sample below minSamplePerGroup (29) and not at it (30), with every group complete', () => {
    const build = (n: number) =>
      accumulate([
        ...repeat(30, answer('law', 'expert', 'very')),
        ...repeat(30, answer('law', 'public', 'very')),
        ...repeat(n, answer('law', 'client', 'very')),
      ]);
    const small = unitSurvey(TWO_DIMS, build(29).get('law'));
    expect(small.smallSample).toBe(true);
    expect(small.incomplete).toBe(false);
    const enough = unitSurvey(TWO_DIMS, build(30).get('law'));
    expect(enough.smallSample).toBe(false);
    expect(enough.incomplete).toBe(false);
    expect(enough.survey.score).toBe(100);
  });

  it('gives a unit without answers undefined scores for every group and dimension, incomplete', () => {
    const r = unitSurvey(TWO_DIMS, undefined);
    expect(r.survey).toEqual({
      score: null,
      byGroup: {
        expert: { score: null, counted: 0, unknown: 0 },
        public: { score: null, counted: 0, unknown: 0 },
        client: { score: null, counted: 0, unknown: 0 },
      },
      byDimension: { [D1]: null, [D2]: null },
    });
    expect(r.incomplete).toBe(true);
    expect(r.smallSample).toBe(false);
  });

  it('scores dimensions from the ratings, not from the overall answers', () => {
    const agg = emptyAggregate();
    addOverall(agg, 'law', 'expert', 'very', 2);
    addRating(agg, 'law', 'expert', D1, 'dissatisfied', 2);
    const r = unitSurvey(TWO_DIMS, agg.get('law'));
    expect(r.survey.score).toBe(100);
    expect(r.survey.byDimension).toEqual({ [D1]: 20, [D2]: null });
  });

  it('leaves out rater groups the campaign does not name', () => {
    const agg = accumulate([answer('law', 'expert', 'neutral'), answer('law', 'gone', 'very')]);
    const r = unitSurvey(TWO_DIMS, agg.get('law'));
    expect(Object.keys(r.survey.byGroup)).toEqual(['expert', 'public', 'client']);
    expect(r.survey.score).toBe(60);
  });
});

describe('accumulate, addAnswer, addOverall, addRating: integer counts per unit × group × level', () => {
  it('counts answers per unit, group, overall level and dimension level', () => {
    const agg = accumulate([
      answer('law', 'expert', 'very', { [D1]: 'fairly' }),
      answer('law', 'expert', 'very', { [D1]: 'less', [D2]: 'less' }),
      answer('law', 'public', 'neutral'),
      answer('office', 'expert', 'unknown'),
    ]);
    expect([...agg.keys()]).toEqual(['law', 'office']);
    const law = agg.get('law')!;
    expect([...law.keys()]).toEqual(['expert', 'public']);
    expect([...law.get('expert')!.overall]).toEqual([['very', 2]]);
    expect([...law.get('expert')!.byDimension.get(D1)!]).toEqual([
      ['fairly', 1],
      ['less', 1],
    ]);
    expect([...law.get('expert')!.byDimension.get(D2)!]).toEqual([['less', 1]]);
    expect(law.get('public')!.byDimension.size).toBe(0);
    expect([...agg.get('office')!.get('expert')!.overall]).toEqual([['unknown', 1]]);
  });

  it('adds grouped rows n at a time, the same as n single answers', () => {
    const agg = emptyAggregate();
    addOverall(agg, 'law', 'expert', 'very', 3);
    addOverall(agg, 'law', 'expert', 'very', 2);
    addRating(agg, 'law', 'expert', D1, 'less', 4);
    addRating(agg, 'law', 'expert', D1, 'less', 1);
    addRating(agg, 'law', 'expert', D2, 'fairly', 5);
    const g = agg.get('law')!.get('expert')!;
    expect([...g.overall]).toEqual([['very', 5]]);
    expect([...g.byDimension.get(D1)!]).toEqual([['less', 5]]);
    expect([...g.byDimension.get(D2)!]).toEqual([['fairly', 5]]);
  });

  it('returns a new aggregate each call', () => {
    const a = accumulate([answer('law', 'expert', 'very')]);
    const b = accumulate([answer('law', 'expert', 'very')]);
    expect(a).not.toBe(b);
    expect(b.get('law')!.get('expert')!.overall.get('very')).toBe(1);
  });

  it('reads only a rating object’s own dimensions', () => {
    const ratings = Object.create({ inherited: 'very' }) as Record<string, string>;
    ratings[D1] = 'fairly';
    const agg = accumulate([answer('law', 'expert', 'very', ratings)]);
    expect([...agg.get('law')!.get('expert')!.byDimension.keys()]).toEqual([D1]);
  });
});
