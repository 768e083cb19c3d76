import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import type { PingyiRecord } from '../../src/domain/records';
import { replayHolds, type Limits } from '../../src/domain/review';
import type { CheckedRecord } from '../../src/server/ingest/check-records';
import { batchHolds } from '../../src/server/ingest/holds';
import type { IngestTx } from '../../src/server/store/types';
import { availableBackends, startServer, type Place, type TestServer } from './harness';

const backends = await availableBackends();

const T0 = Date.parse('2026-11-21T01:00:00.000Z'); // 09:00 in Shanghai
const MIN = 60_000;
const LIMITS: Limits = { maxPerDevicePerDay: 300, burst: { count: 4, minutes: 5 } };
const CAMPAIGN: Campaign = { ...DEMO_CAMPAIGN, limits: LIMITS };

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What batchHolds reads of a checked record: its type, id, seq and sealedAt. */
const f2f = (deviceId: string, seq: number, ms: number): CheckedRecord => ({
  index: seq,
  hash: '',
  canon: '',
  units: [],
  record: { type: 'f2f', id: `${deviceId}-${seq}`, deviceId, seq, sealedAt: new Date(ms).toISOString() } as PingyiRecord,
});

describe.each(backends.map((b) => [b.name, b] as const))('holds at ingest read the sealing times near a batch (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  /**
   * Sends the device's f2f (seq order) in batches of the given sizes through batchHolds, each in its
   * own ingest transaction; returns the reasons by id and how many stored times each batch read.
   */
  async function ingest(deviceId: string, times: number[], sizes: () => number) {
    const reasons = new Map<string, string[]>();
    const reads: { before: number; read: number; size: number }[] = [];
    for (let from = 0; from < times.length;) {
      const batch = times.slice(from, from + sizes()).map((ms, i) => f2f(deviceId, from + i + 1, ms));
      const held = await server.store.ingest(async (tx) => {
        const counted: IngestTx = {
          ...tx,
          async sealTimesNear(...args) {
            const near = await tx.sealTimesNear(...args);
            reads.push({ before: from, read: near.length, size: batch.length });
            return near;
          },
        };
        return batchHolds(counted, deviceId, CAMPAIGN, batch);
      });
      for (const r of batch) reasons.set(r.record.id, held.get(r.record.id) ?? []);
      from += batch.length;
    }
    return { reasons, reads };
  }

  const replay = (deviceId: string, times: number[]) =>
    replayHolds(
      LIMITS,
      times.map((ms, i) => ({ originalId: `${deviceId}-${i + 1}`, deviceId, seq: i + 1, sealedAt: new Date(ms).toISOString() })),
    );

  it('counts and holds questionnaires only, answers only for the held ones, and holds nothing without a campaign', async () => {
    const cap: Campaign = { ...DEMO_CAMPAIGN, limits: { maxPerDevicePerDay: 3, burst: null } };
    const other = (seq: number): CheckedRecord => {
      const r = f2f('mixed', seq, T0 + seq * MIN);
      return { ...r, record: { ...r.record, type: 'stall' } as PingyiRecord };
    };
    // stall, f2f, stall, f2f, f2f, f2f: the fourth questionnaire of the day is past the cap of 3.
    const batch = [other(1), f2f('mixed', 2, T0 + 2 * MIN), other(3), ...[4, 5, 6].map((seq) => f2f('mixed', seq, T0 + seq * MIN))];
    const held = await server.store.ingest((tx) => batchHolds(tx, 'mixed', cap, batch));
    expect([...held.keys()]).toEqual(['mixed-6']);
    const day = '2026-11-21';
    expect(await server.store.ingest((tx) => tx.dayCounts('mixed', [day]))).toEqual(new Map([[day, 4]]));
    // A device whose campaign is gone: nothing held, nothing counted.
    const none = await server.store.ingest((tx) => batchHolds(tx, 'orphan', undefined, [f2f('orphan', 1, T0)]));
    expect(none.size).toBe(0);
    expect((await server.store.ingest((tx) => tx.dayCounts('orphan', [day]))).size).toBe(0);
  });

  it('a device sealing in order: each batch reads at most burst.count − 1 stored times, however many the day holds', async () => {
    // 4,000 f2f on one Shanghai day, a second apart, in batches of 500.
    const times = Array.from({ length: 4000 }, (_, i) => T0 + i * 1000);
    const { reasons, reads } = await ingest('in-order', times, () => 500);
    expect(reads).toHaveLength(8);
    for (const r of reads) expect(r.read).toBeLessThanOrEqual(LIMITS.burst!.count - 1);
    expect(reasons).toEqual(replay('in-order', times));
    // The 4th of every 5 minutes and everything past the 300th of the day are held.
    expect([...reasons.values()].filter((x) => x.length === 0)).toHaveLength(3);
  });

  it('gives the reasons the replay from scratch gives, whatever the order of the times and the batch sizes', async () => {
    const rnd = random(9);
    const scenarios: Record<string, number[]> = {
      // Sessions of a few minutes, some dense, across Shanghai midnight (16:00 UTC) and over days.
      sessions: Array.from({ length: 900 }, (_, i) => T0 + Math.floor(i / 30) * 47 * MIN + (i % 30) * Math.floor(rnd() * 90_000)),
      // A clock set back an hour twice: later batches fall between times already stored.
      'clock-back': Array.from({ length: 700 }, (_, i) => T0 + (i % 250) * 40_000 + Math.floor(i / 250) * 1000 + Math.floor(rnd() * 5000)),
      // Times spread over two days at random: every batch interleaves with hundreds stored (a batch
      // reads the nearest of each of its instants then, not what lies between them).
      spread: Array.from({ length: 1500 }, () => T0 + Math.floor(rnd() * 2 * 1440 * MIN)),
      // Equal times: the order among them is the seq's.
      ties: Array.from({ length: 400 }, (_, i) => T0 + Math.floor(i / 7) * 2 * MIN),
    };
    for (const [deviceId, times] of Object.entries(scenarios)) {
      const { reasons, reads } = await ingest(deviceId, times, () => 1 + Math.floor(rnd() * (rnd() < 0.3 ? 400 : 40)));
      expect(reasons, deviceId).toEqual(replay(deviceId, times));
      // Linear in the batch: the 64 per instant of a range read, or 2(count − 1) each.
      for (const r of reads) expect(r.read, deviceId).toBeLessThanOrEqual(Math.max(64, 2 * (LIMITS.burst!.count - 1)) * r.size + 2 * LIMITS.burst!.count);
      const held = [...reasons.values()].filter((x) => x.length > 0).length;
      expect(held, deviceId).toBeGreaterThan(0);
      expect(held, deviceId).toBeLessThan(times.length);
    }
    // A batch whose first and last instants span all that is stored takes the per-instant path: after
    // 1,000 stored times, each batch of 5 reads at most 2(count − 1) per instant. Three of each batch
    // fall on a stored time (four within no time at all), or exactly burst.minutes before one.
    const spanned = scenarios.spread!.slice(0, 1000);
    for (let k = 0; k < 20; k++) {
      const again = spanned[(k * 37) % 1000]! - (k % 2) * 5 * MIN;
      spanned.push(T0 + k * 1000, again, again, again, T0 + 2 * 1440 * MIN - k * 1000);
    }
    const spread = await ingest('spanned', spanned, () => 5);
    const late = spread.reads.filter((r) => r.before >= 1000);
    expect(late).toHaveLength(20);
    for (const r of late) expect(r.read).toBeLessThanOrEqual(2 * (LIMITS.burst!.count - 1) * r.size);
    expect(spread.reasons).toEqual(replay('spanned', spanned));
  });
});
