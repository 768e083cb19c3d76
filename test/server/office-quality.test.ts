import { describe, expect, it } from 'vitest';
import { bursts, collectorQuality, spread, DEFAULT_QUALITY, type QualityAnswer } from '../../src/server/office/quality';

const at = (min: number) => new Date(Date.parse('2026-11-21T08:00:00.000Z') + min * 60_000).toISOString();
const answer = (collector: string, min: number, over: Partial<QualityAnswer> = {}): QualityAnswer => ({
  originalId: `${collector}-${min}`,
  collector,
  sealedAt: at(min),
  durationMs: 180_000,
  unitId: 'law',
  raterGroup: 'public',
  overall: 'very',
  ratings: `{"a":"${min}"}`,
  ...over,
});

describe('data-quality signals (flag for review, never delete)', () => {
  it('spreads durations by nearest rank', () => {
    expect(spread([50, 10, 40, 20, 30, 60, 70, 80, 90, 100])).toEqual({ min: 10, p10: 10, p25: 30, median: 50, p75: 80, p90: 90, max: 100 });
    expect(spread([])).toBeNull();
  });

  it('finds runs of questionnaires sealed close together and merges overlapping windows', () => {
    const m = 60_000;
    expect(
      bursts(
        [0, 1, 2, 3, 30, 31, 60].map((x) => x * m),
        5 * m,
        3,
      ),
    ).toEqual([{ from: 0, to: 3 * m, count: 4 }]);
    expect(
      bursts(
        [0, 10, 20].map((x) => x * m),
        5 * m,
        3,
      ),
    ).toEqual([]);
  });

  it('flags a collector with bursts, short interviews, a high hourly rate and identical answers, and not a steady one', () => {
    const steady = Array.from({ length: 10 }, (_, i) => answer('steady', i * 20));
    const hurried = Array.from({ length: 25 }, (_, i) => answer('hurried', i / 2, { durationMs: 20_000, ratings: '{"a":"very"}' }));
    const [h, s] = collectorQuality([...steady, ...hurried], DEFAULT_QUALITY);
    expect(h!.collector).toBe('hurried');
    expect(h!.flags).toEqual(['high-rate', 'short-durations', 'bursts', 'identical-answers']);
    expect(h!.maxPerHour).toBe(25);
    expect(h!.identicalPatterns[0]!.count).toBe(25);
    expect(s).toMatchObject({ collector: 'steady', questionnaires: 10, flags: [], bursts: [], identicalPatterns: [] });
    expect(s!.perActiveHour).toBeCloseTo(10 / 4, 12);
  });
});
