import { describe, expect, it } from 'vitest';
import { batchLimits, linkMeter, partBytes } from '../../../src/sync/send';

// Batch sizes and photo parts follow the link the pass measures.

describe('the measured link', () => {
  it('takes the bytes of finished requests over the time any was in flight', async () => {
    let t = 0;
    const meter = linkMeter(() => t);
    expect(meter.rate()).toBeUndefined();
    let finish: (() => void)[] = [];
    const req = (bytes: number) => meter.track(bytes, () => new Promise<void>((ok) => finish.push(ok)));
    const a = req(100_000);
    const b = req(100_000);
    t = 2000; // both in flight together for 2 s: they shared the link
    finish.forEach((f) => f());
    await Promise.all([a, b]);
    expect(meter.rate()).toBe(100_000);
    finish = [];
    t = 10_000; // idle time does not count
    const c = req(50_000);
    t = 10_500;
    finish[0]!();
    await c;
    expect(meter.rate()).toBe(100_000);
  });

  it('sizes batches to two seconds of the link, 50 to 500 records, 200 before it is measured', () => {
    expect(batchLimits(undefined, 800).records).toBe(200);
    expect(batchLimits(93_750, 750).records).toBe(250); // 750 kbit/s
    expect(batchLimits(5_000, 800).records).toBe(50);
    expect(batchLimits(50_000_000, 800).records).toBe(500); // loopback
    expect(batchLimits(93_750, 750).bodyBytes).toBe(4 * 1024 * 1024);
  });

  it('sends a photo in parts of two seconds of the link, at least 64 KiB', () => {
    expect(partBytes(undefined)).toBe(256 * 1024);
    expect(partBytes(93_750)).toBe(187_500);
    expect(partBytes(10_000)).toBe(64 * 1024);
  });
});
