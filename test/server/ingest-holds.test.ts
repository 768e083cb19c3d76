import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import type { PingyiRecord } from '../../src/domain/records';
import { replayHolds, type Limits } from '../../src/domain/review';
import type { CheckedRecord } from '../../src/server/ingest/check-records';
import { batchHolds } from '../../src/server/ingest/holds';
import type { IngestTx } from '../../src/server/store/types';

/** 2026-11-21 15:50 UTC: 23:50 in Shanghai, ten minutes before its midnight. */
const T0 = Date.parse('2026-11-21T15:50:00.000Z');
const MIN = 60_000;

const record = (type: string, seq: number, ms: number): CheckedRecord => ({
  index: seq,
  hash: '',
  canon: '',
  units: [],
  record: { type, id: `dev-${seq}`, deviceId: 'dev', seq, sealedAt: new Date(ms).toISOString() } as PingyiRecord,
});

/** A transaction stand-in holding a device's stored sealing times and day counts; records every call. */
function store(stored: number[] = [], counts = new Map<string, number>()) {
  const calls: [string, ...unknown[]][] = [];
  const tx = {
    dayCounts: async (deviceId: string, days: string[]) => (calls.push(['dayCounts', deviceId, days]), new Map([...counts].filter(([d]) => days.includes(d)))),
    // Every stored time, latest first: more than the store reads, in no useful order.
    sealTimesNear: async (deviceId: string, instants: number[], n: number, w: number) => (
      calls.push(['sealTimesNear', deviceId, instants, n, w]),
      [...stored].sort((a, b) => b - a)
    ),
    saveSeals: async (deviceId: string, c: Map<string, number>, seals: { ms: number; seq: number }[]) => void calls.push(['saveSeals', deviceId, c, seals]),
  } as unknown as IngestTx;
  return { tx, calls };
}

const campaign = (limits: Limits): Campaign => ({ ...DEMO_CAMPAIGN, limits });

describe('batchHolds', () => {
  it('asks the store nothing for a batch without questionnaires or a device without a campaign', async () => {
    const none = store();
    expect((await batchHolds(none.tx, 'dev', campaign({ maxPerDevicePerDay: 1, burst: { count: 2, minutes: 5 } }), [record('stall', 1, T0)])).size).toBe(0);
    expect(none.calls).toEqual([]);
    const orphan = store();
    expect((await batchHolds(orphan.tx, 'dev', undefined, [record('f2f', 1, T0), record('f2f', 2, T0)])).size).toBe(0);
    expect(orphan.calls).toEqual([]);
  });

  it("reads the batch's Shanghai days once each, and saves their new counts and the questionnaires' times with their seqs", async () => {
    const { tx, calls } = store([], new Map([['2026-11-21', 5]]));
    const batch = [
      record('f2f', 1, T0),
      record('stall', 2, T0 + MIN),
      record('f2f', 3, T0 + 5 * MIN),
      record('f2f', 4, T0 + 15 * MIN),
      record('f2f', 5, T0 + 16 * MIN),
    ];
    const held = await batchHolds(tx, 'dev', campaign({ maxPerDevicePerDay: 6, burst: null }), batch);
    // The 7th of 21 November (5 stored) is over the cap of 6; 22 November starts again.
    expect(held).toEqual(new Map([['dev-3', ['daily-cap']]]));
    expect(calls).toEqual([
      ['dayCounts', 'dev', ['2026-11-21', '2026-11-22']],
      [
        'saveSeals',
        'dev',
        new Map([
          ['2026-11-21', 7],
          ['2026-11-22', 2],
        ]),
        [
          { ms: T0, seq: 1 },
          { ms: T0 + 5 * MIN, seq: 3 },
          { ms: T0 + 15 * MIN, seq: 4 },
          { ms: T0 + 16 * MIN, seq: 5 },
        ],
      ],
    ]);
  });

  it('reads the stored times within burst.minutes of each questionnaire, up to burst.count − 1 a side, and judges with them in time order', async () => {
    const limits: Limits = { maxPerDevicePerDay: null, burst: { count: 3, minutes: 4 } };
    // Stored on both sides of Shanghai midnight; the batch interleaves with them.
    const stored = [T0 - MIN, T0 + 2 * MIN, T0 + 9 * MIN, T0 + 11 * MIN, T0 - 30 * MIN];
    const batch = [T0 + MIN, T0 + 10 * MIN, T0 + 40 * MIN, T0 + 12 * MIN];
    const { tx, calls } = store(stored);
    const held = await batchHolds(
      tx,
      'dev',
      campaign(limits),
      batch.map((ms, i) => record('f2f', stored.length + i + 1, ms)),
    );
    expect(calls[1]).toEqual(['sealTimesNear', 'dev', batch, 2, 4 * MIN]);
    const all = [...stored, ...batch].map((ms, i) => ({ originalId: `dev-${i + 1}`, deviceId: 'dev', seq: i + 1, sealedAt: new Date(ms).toISOString() }));
    const replayed = replayHolds(limits, all);
    const expected = new Map([...replayed].filter(([id, r]) => r.length > 0 && Number(id.slice(4)) > stored.length));
    // By hand: T0+1 min has T0−1 and T0+2 within 4 minutes, T0+10 min has T0+9 and T0+11, T0+12 min
    // has T0+9, T0+10 and T0+11; T0+40 min stands alone.
    expect([...expected.keys()]).toEqual(['dev-6', 'dev-7', 'dev-9']);
    expect(held).toEqual(expected);
  });
});
