// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { satisfaction, weightedMean } from '../../../src/domain/scoring';
import { SEED_004 } from './helpers';

const counts = (o: Record<string, number>) => new Map(Object.entries(o));

describe('satisfaction S (src/domain/DOMAIN.md Scoring 1)', () => {
  it('works the src/domain/DOMAIN.md example: 50/30/10/0/10 with 7 不了解 is 82.00', () => {
    const s = satisfaction(counts({ very: 50, fairly: 30, neutral: 10, less: 0, dissatisfied: 10, unknown: 7 }), DEMO_CAMPAIGN.scale);
    // (50·100 + 30·80 + 10·60 + 10·20) / 100 = 8200 / 100
    expect(s).toEqual({ score: 82, counted: 100, unknown: 7 });
  });

  it('is undefined (null, never 0) with only 不了解 answers, or none', () => {
    expect(satisfaction(counts({ unknown: 12 }), DEMO_CAMPAIGN.scale)).toEqual({ score: null, counted: 0, unknown: 12 });
    expect(satisfaction(undefined, DEMO_CAMPAIGN.scale)).toEqual({ score: null, counted: 0, unknown: 0 });
  });

  it('takes the four-level scale of seed 004 from the campaign alone', () => {
    // 40 优秀, 40 满意, 15 基本满意, 5 不满意: (3600 + 3200 + 1050 + 250) / 100 = 81
    const s = satisfaction(counts({ excellent: 40, good: 40, fair: 15, poor: 5 }), SEED_004.scale);
    expect(s.score).toBeCloseTo(81, 12);
    expect(s.counted).toBe(100);
  });

  it('leaves out keys the scale does not know', () => {
    expect(satisfaction(counts({ very: 1, gone: 5 }), DEMO_CAMPAIGN.scale)).toEqual({ score: 100, counted: 1, unknown: 0 });
  });
});

describe('weightedMean (renormalised over defined values)', () => {
  it('renormalises the weights of the groups that are there', () => {
    // expert 0.3 × 80 and client 0.4 × 60, public missing: (24 + 24) / 0.7
    expect(
      weightedMean([
        { weight: 0.3, value: 80 },
        { weight: 0.3, value: null },
        { weight: 0.4, value: 60 },
      ]),
    ).toBeCloseTo(48 / 0.7, 12);
  });
  it('is null when nothing is defined', () => {
    expect(weightedMean([{ weight: 1, value: null }])).toBeNull();
    expect(weightedMean([])).toBeNull();
  });
});
