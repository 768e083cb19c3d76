import { describe, expect, it } from 'vitest';
import { campaignLimits, decide, holdReasons, noSealedDays, replayHolds, replayReview, shanghaiDay, type Limits } from '../../../src/domain/review';

const T0 = Date.parse('2026-11-21T01:00:00.000Z'); // 09:00 in Shanghai
const min = 60_000;
const run = (limits: Limits, times: number[]) => {
  const seen = noSealedDays();
  return times.map((t) => holdReasons(limits, seen, t));
};

describe('held questionnaires: the limits of one device', () => {
  it('takes the defaults when absent and turns a limit off with null', () => {
    expect(campaignLimits({})).toEqual({ maxPerDevicePerDay: 200, burst: { count: 10, minutes: 5 } });
    expect(campaignLimits({ limits: { maxPerDevicePerDay: null } })).toEqual({ maxPerDevicePerDay: null, burst: { count: 10, minutes: 5 } });
    expect(campaignLimits({ limits: { burst: null, maxPerDevicePerDay: 3 } })).toEqual({ maxPerDevicePerDay: 3, burst: null });
    expect(campaignLimits({ limits: null })).toEqual({ maxPerDevicePerDay: null, burst: null });
  });

  it('counts days in Asia/Shanghai', () => {
    expect(shanghaiDay(Date.parse('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(shanghaiDay(Date.parse('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
  });

  it('holds what is beyond the n-th f2f of a Shanghai day, in seq order whatever the clock says', () => {
    const limits = { maxPerDevicePerDay: 3, burst: null };
    // Seq order: the 4th sealed (earliest clock time) is held, not the latest by time.
    const times = [T0 + 60 * min, T0 + 120 * min, T0 + 180 * min, T0, T0 + 15 * 60 * min /* next Shanghai day */];
    expect(run(limits, times)).toEqual([[], [], [], ['daily-cap'], []]);
  });

  it('holds the f2f with which burst.count fall within burst.minutes, from either side, ends included', () => {
    const limits = { maxPerDevicePerDay: null, burst: { count: 3, minutes: 5 } };
    expect(run(limits, [T0, T0 + 2 * min, T0 + 5 * min])).toEqual([[], [], ['burst']]);
    expect(run(limits, [T0, T0 + 2 * min, T0 + 5 * min + 1])).toEqual([[], [], []]);
    // A clock going backwards is no way around it: the third falls between the first two.
    expect(run(limits, [T0 + 4 * min, T0 + 30 * min, T0, T0 + 2 * min])).toEqual([[], [], [], ['burst']]);
    // Across midnight in Shanghai.
    const midnight = Date.parse('2026-11-21T16:00:00.000Z');
    expect(run(limits, [midnight - min, midnight + min, midnight])).toEqual([[], [], ['burst']]);
  });

  it('never leaves more than count − 1 unheld in any window, however they are ordered', () => {
    const limits = { maxPerDevicePerDay: null, burst: { count: 4, minutes: 5 } };
    for (let trial = 0; trial < 50; trial++) {
      const times = Array.from({ length: 60 }, () => T0 + Math.floor(Math.random() * 40 * min));
      const reasons = run(limits, times);
      const unheld = times.filter((_, i) => reasons[i]!.length === 0).sort((a, b) => a - b);
      for (let i = 0; i + 3 < unheld.length; i++) expect(unheld[i + 3]! - unheld[i]!).toBeGreaterThan(5 * min);
    }
  });

  it('replays per device in seq order, and a decision applies only where the protocol says', () => {
    const limits = { maxPerDevicePerDay: 1, burst: null };
    const f2fs = [
      { originalId: 'b', deviceId: 'd1', seq: 2, sealedAt: new Date(T0).toISOString() },
      { originalId: 'a', deviceId: 'd1', seq: 1, sealedAt: new Date(T0 + min).toISOString() },
      { originalId: 'c', deviceId: 'd2', seq: 1, sealedAt: new Date(T0).toISOString() },
    ];
    expect(Object.fromEntries(replayHolds(limits, f2fs))).toEqual({ a: [], b: ['daily-cap'], c: [] });
    const ids: Record<string, string> = { ha: 'a', hb: 'b', hc: 'c' };
    const ok = replayReview(
      limits,
      f2fs,
      [
        { decision: 'accept', hashes: ['hb'] },
        { decision: 'exclude', hashes: ['hc'] },
      ],
      (h) => ids[h],
    );
    expect(ok.problems).toEqual([]);
    expect([...ok.states].map(([id, s]) => [id, s.state]).sort()).toEqual([
      ['a', 'counted'],
      ['b', 'accepted'],
      ['c', 'excluded'],
    ]);
    const bad = replayReview(limits, f2fs, [{ decision: 'accept', hashes: ['ha', 'nope'] }], (h) => ids[h]);
    expect(bad.problems).toHaveLength(2);
    expect(decide('excluded', [], 'accept')).toBe('counted');
    expect(decide('excluded', ['burst'], 'accept')).toBe('accepted');
    expect(decide('counted', [], 'accept')).toBeNull();
    expect(decide('held', ['burst'], 'exclude')).toBe('excluded');
  });
});
