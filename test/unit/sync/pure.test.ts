// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffDelay } from '../../../src/sync/backoff';
import { planBatches, utf8Length, type WireRecord } from '../../../src/sync/batch';
import type { StoredRecord } from '../../../src/store/db';

const wire = (bytes: number): WireRecord => ({ stored: {} as StoredRecord, json: '', bytes });

describe('planBatches', () => {
  it('cuts at 200 records', () => {
    const sizes = planBatches(Array.from({ length: 401 }, () => wire(500))).map((b) => b.length);
    expect(sizes).toEqual([200, 200, 1]);
  });

  it('cuts before the byte bound, and a record larger than the bound travels alone', () => {
    const limits = { records: 200, bodyBytes: 10_000 };
    const plan = planBatches([wire(4000), wire(4000), wire(4000), wire(20_000), wire(10)], limits);
    expect(plan.map((b) => b.map((w) => w.bytes))).toEqual([[4000, 4000], [4000], [20_000], [10]]);
    for (const b of plan) if (b.length > 1) expect(b.reduce((n, w) => n + w.bytes + 1, 0)).toBeLessThan(limits.bodyBytes);
  });

  it("keeps the default bound well under the server's 8 MiB", () => {
    const plan = planBatches(Array.from({ length: 200 }, () => wire(100_000)));
    for (const b of plan) expect(b.reduce((n, w) => n + w.bytes, 0)).toBeLessThan(4 * 1024 * 1024);
    expect(plan.length).toBeGreaterThan(4);
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes of Chinese, ASCII and astral characters', () => {
    for (const s of ['abc', '评议通', '𠀋x', '"满意"\n', '', '评'.repeat(30_000) + 'x'.repeat(70_000), 'x'])
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });
});

describe('backoffDelay', () => {
  it('doubles per failure with jitter between half and the whole step', () => {
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(2, () => 0.5)).toBe(3_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
  });

  it('is capped at a few minutes, even after many failures', () => {
    for (const n of [10, 20, 100, 10_000]) {
      expect(backoffDelay(n, () => 1)).toBe(BACKOFF.capMs);
      expect(backoffDelay(n, () => 0)).toBe(BACKOFF.capMs / 2);
    }
  });

  it('honours a longer Retry-After, within the cap', () => {
    expect(backoffDelay(1, () => 0, 30)).toBe(30_000);
    expect(backoffDelay(1, () => 0, 3600)).toBe(BACKOFF.capMs);
  });
});
