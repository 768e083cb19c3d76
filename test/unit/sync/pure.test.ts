// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffDelay } from '../../../src/sync/backoff';
import { planBatches, utf8Length, type WireRecord } from '../../../src/sync/batch';
import type { StoredRecord } from '../../../src/store/db';
import { serverClient, type FetchFn } from '../../../src/sync/http';

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

describe('request bodies', () => {
  it('go to fetch as Blobs of their type, batches and photo parts alike (Chromium sends a Blob by reference)', async () => {
    const seen: { url: string; body: unknown; type: string | null }[] = [];
    const fetchFn: FetchFn = async (url, init) => {
      seen.push({ url, body: init?.body, type: new Headers(init?.headers).get('content-type') });
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = serverClient('http://server.test/', fetchFn);
    await client.postBatch('{"header":{"seq":1},"note":"评议"}');
    await client.putBlob('a'.repeat(64), new Uint8Array([0xff, 0xd8, 0xff]), 'dev-1', 'sig', 'bytes 0-2/3');
    expect(seen.map((s) => [s.url, s.body instanceof Blob, (s.body as Blob).type, s.type])).toEqual([
      ['http://server.test/api/v1/batches', true, 'application/json', 'application/json'],
      [`http://server.test/api/v1/blobs/${'a'.repeat(64)}`, true, 'application/octet-stream', 'application/octet-stream'],
    ]);
    expect(await (seen[0]!.body as Blob).text()).toBe('{"header":{"seq":1},"note":"评议"}');
    expect([...new Uint8Array(await (seen[1]!.body as Blob).arrayBuffer())]).toEqual([0xff, 0xd8, 0xff]);
  });
});
