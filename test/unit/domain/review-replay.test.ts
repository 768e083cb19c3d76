import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysAround, decide, holdReasons, isCounted, noSealedDays, replayReview, type Limits } from '../../../src/domain/review';

const min = 60_000;
const T0 = Date.parse('2026-11-21T01:00:00.000Z'); // 09:00 in Shanghai
const MIDNIGHT = Date.parse('2026-11-21T16:00:00.000Z'); // 00:00 on 22 November in Shanghai
const run = (limits: Limits, times: number[]) => {
  const seen = noSealedDays();
  return times.map((t) => holdReasons(limits, seen, t));
};

/** The burst rule as the protocol states it: a span of w (ends included) holding ms and ≥ count − 1 earlier ones. */
const burstByDefinition = (earlier: number[], ms: number, count: number, w: number) =>
  [...earlier, ms].filter((s) => s >= ms - w && s <= ms).some((s) => earlier.filter((t) => t >= s && t <= s + w).length >= count - 1);

describe('daysAround', () => {
  it('names the Shanghai day of the instant and the days before and after, as YYYY-MM-DD', () => {
    expect(daysAround(T0)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(daysAround(MIDNIGHT)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(daysAround(Date.parse('2026-12-31T20:00:00.000Z'))).toEqual(['2026-12-31', '2027-01-01', '2027-01-02']);
  });
});

describe('the burst rule', () => {
  const limits = (count: number, minutes: number): Limits => ({ maxPerDevicePerDay: null, burst: { count, minutes } });

  it('does not hold one whose earlier-seq neighbours on both sides are too far apart to share a span with it', () => {
    expect(run(limits(3, 5), [T0 - 4 * min, T0 + 4 * min, T0])).toEqual([[], [], []]);
    expect(run(limits(3, 5), [MIDNIGHT - 4 * min, MIDNIGHT + 4 * min, MIDNIGHT])).toEqual([[], [], []]);
  });

  it('holds one whose earlier-seq neighbours on both sides share a span with it', () => {
    expect(run(limits(3, 5), [T0 - 2 * min, T0 + 3 * min, T0])).toEqual([[], [], ['burst']]);
    expect(run(limits(3, 5), [MIDNIGHT - 2 * min, MIDNIGHT + 3 * min, MIDNIGHT])).toEqual([[], [], ['burst']]);
  });

  it('counts questionnaires sealed in the same millisecond', () => {
    expect(run(limits(3, 5), [T0, T0, T0])).toEqual([[], [], ['burst']]);
    expect(run(limits(2, 1), [T0 + 2 * min, T0, T0])).toEqual([[], [], ['burst']]);
  });

  it('holds exactly what the rule’s definition holds, across Shanghai midnights too', () => {
    const offsets = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(
        offsets,
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(T0, MIDNIGHT),
        fc.constantFrom(min, min / 2, 1),
        (steps, count, minutes, base, unit) => {
          const times = steps.map((s) => base + s * unit);
          const got = run(limits(count, minutes), times);
          times.forEach((ms, i) => {
            const held = burstByDefinition(times.slice(0, i), ms, count, minutes * min);
            expect(got[i], `f2f ${i} of ${JSON.stringify(times)}`).toEqual(held ? ['burst'] : []);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a span that Shanghai midnight splits, times from both days included', () => {
    const times = [MIDNIGHT - 3 * min, MIDNIGHT - min, MIDNIGHT + min, MIDNIGHT + 2 * min, MIDNIGHT];
    expect(run(limits(4, 4), times)).toEqual([[], [], [], [], ['burst']]);
  });
});

describe('the review decisions', () => {
  it('accepts a held questionnaire, and keeps an accepted one accepted', () => {
    expect(decide('held', ['burst'], 'accept')).toBe('accepted');
    expect(decide('held', ['daily-cap', 'burst'], 'accept')).toBe('accepted');
    expect(decide('accepted', ['burst'], 'accept')).toBe('accepted');
    expect(decide('accepted', ['burst'], 'exclude')).toBe('excluded');
  });

  it('counts only counted and accepted questionnaires', () => {
    expect(isCounted('counted')).toBe(true);
    expect(isCounted('accepted')).toBe(true);
    expect(isCounted('held')).toBe(false);
    expect(isCounted('excluded')).toBe(false);
  });
});

describe('replayReview', () => {
  const limits: Limits = { maxPerDevicePerDay: 1, burst: null };
  const f2fs = [
    { originalId: 'a', deviceId: 'd1', seq: 1, sealedAt: new Date(T0).toISOString() },
    { originalId: 'b', deviceId: 'd1', seq: 2, sealedAt: new Date(T0 + min).toISOString() },
  ];
  const ha = 'a'.repeat(64);
  const hb = 'b'.repeat(64);
  const hx = '0123456789abcdef'.repeat(4);
  const ids: Record<string, string> = { [ha]: 'a', [hb]: 'b' };

  it('leaves a held questionnaire held until a decision', () => {
    const { states, problems } = replayReview(limits, f2fs, [], (h) => ids[h]);
    expect(problems).toEqual([]);
    expect(states.get('a')).toEqual({ state: 'counted', reasons: [] });
    expect(states.get('b')).toEqual({ state: 'held', reasons: ['daily-cap'] });
  });

  it('numbers the decisions from 1 in problems, names the hash by its first 12 characters and says why', () => {
    const { states, problems } = replayReview(
      limits,
      f2fs,
      [
        { decision: 'exclude', hashes: [ha] },
        { decision: 'accept', hashes: [hx, hb] },
        { decision: 'accept', hashes: [ha] },
      ],
      (h) => ids[h],
    );
    expect(problems).toEqual(['review decision 2 (accept) names 0123456789ab…, which is no questionnaire of the campaign']);
    expect(states.get('a')?.state).toBe('counted');
    expect(states.get('b')?.state).toBe('accepted');
  });

  it('says when a decision does not apply, under the decision’s own label when it has one', () => {
    const { problems } = replayReview(
      limits,
      f2fs,
      [
        { decision: 'accept', hashes: [ha] },
        { decision: 'accept', hashes: [ha], label: 'leaf 17' },
      ],
      (h) => ids[h],
    );
    expect(problems).toEqual([
      'review decision 1 (accept) names aaaaaaaaaaaa…, to which it does not apply',
      'leaf 17 (accept) names aaaaaaaaaaaa…, to which it does not apply',
    ]);
  });
});
