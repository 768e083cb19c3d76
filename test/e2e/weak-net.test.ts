import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollAppPage } from '../bench/sync';
import {
  checkServerHolds,
  dayOfWork,
  emulateWeakNet,
  floorMs,
  makeStreetPhotos,
  pageHead,
  pageKv,
  pendingPhotos,
  pressSync,
  storeDayOfWork,
  type OutboxRun,
} from '../bench/weak-net';
import { firstPage, newProfile, onFailure, startServer, until, watchPage, type Profile, type TestServer } from './harness';

// A day's end on a weak mobile link (Chromium's emulation: 300 ms round trip, 750 kbit/s up) with
// the link dropping for 20 s in the middle of the sync: every record and photo arrives, and nothing
// the server had already taken is sent again in full (photos continue where the server's bytes end;
// a batch whose answer was lost is asked about with its last record instead of being resent).

interface Seen {
  at: number;
  method: string;
  path: string;
  range?: string;
  bodyBytes: number;
  status: number;
  /** Batches: the header's seqs and, when accepted, the receipt's throughSeq. */
  fromSeq?: number;
  toSeq?: number;
  throughSeq?: number;
}

/** An HTTP relay in front of the server that writes down every request and its answer. */
async function recordingRelay(target: string): Promise<{ url: string; seen: Seen[]; arrivals: number[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  /** When each request began to arrive (its answer, in `seen`, comes later). */
  const arrivals: number[] = [];
  const { hostname, port } = new URL(target);
  const server = createServer((req, res) => {
    arrivals.push(Date.now());
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: IncomingHttpHeaders = { ...req.headers, host: `${hostname}:${port}` };
      const up = httpRequest({ host: hostname, port: Number(port), method: req.method, path: req.url, headers }, (answer) => {
        const back: Buffer[] = [];
        answer.on('data', (c: Buffer) => back.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(back);
          const entry: Seen = { at: Date.now(), method: req.method!, path: req.url!, bodyBytes: body.length, status: answer.statusCode! };
          if (typeof req.headers['content-range'] === 'string') entry.range = req.headers['content-range'];
          if (req.method === 'POST' && req.url === '/api/v1/batches') {
            const header = (JSON.parse(body.toString('utf8')) as { header: { fromSeq: number; toSeq: number } }).header;
            entry.fromSeq = header.fromSeq;
            entry.toSeq = header.toSeq;
            if (answer.statusCode === 200) entry.throughSeq = (JSON.parse(text.toString('utf8')) as { receipt: { throughSeq: number } }).receipt.throughSeq;
          }
          seen.push(entry);
          res.writeHead(answer.statusCode!, answer.headers);
          res.end(text);
        });
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    arrivals,
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

describe('a weak link that drops in the middle of the sync', () => {
  let server: TestServer | undefined;
  let relay: Awaited<ReturnType<typeof recordingRelay>> | undefined;
  let profile: Profile;
  const log: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    relay = await recordingRelay(server.url);
    profile = newProfile();
  });
  afterAll(async () => {
    await profile?.dispose();
    await relay?.close();
    await server?.close();
  });

  it('loses nothing and resends nothing the server already took when the link drops for 20 s', async (t) => {
    onFailure(t, 'weak-net', () => profile, log);
    const s = server!;
    const app: TestServer = { ...s, url: relay!.url };
    const ctx = await profile.open();
    const page = await firstPage(ctx);
    watchPage(page, log);
    await enrollAppPage(page, app);

    const photos = await makeStreetPhotos(page, 3);
    const head = await pageHead(page);
    // 308 records in several batches and six photos: ~2.4 MB, ~26 s on the uplink.
    const day = await dayOfWork(
      { deviceId: head.deviceId, collector: head.collector, fromSeq: head.seq + 1, prev: head.hash, nowMs: Date.now(), photos },
      { f2f: 300, forums: 4, stalls: 4, photos: 6 },
    );
    await storeDayOfWork(page, day);
    const toSeq = head.seq + day.records.length;
    await page.goto(`${app.url}/#/sync`);
    await page.waitForSelector('[data-testid="sync-button"]:not([disabled])');
    const cdp = await emulateWeakNet(page);
    const before = relay!.seen.length;
    const arrived = relay!.arrivals.length;
    const t0 = await pressSync(page, app.url);

    // About a third of the way through (by the day's bytes on the uplink, from the sync's first
    // request: on a loaded machine the tablet may take seconds to begin), the link drops.
    await until(
      'the sync to begin',
      async () => relay!.arrivals.length,
      (n) => n > arrived,
      60_000,
    );
    await new Promise((r) => setTimeout(r, floorMs(day.payloadBytes) / 3));
    const cutAt = Date.now();
    await emulateWeakNet(page, { offline: true, cdp });
    await new Promise((r) => setTimeout(r, 20_000));
    const backAt = Date.now();
    await emulateWeakNet(page, { cdp });

    let state: OutboxRun | undefined;
    const end = Date.now() + 240_000;
    for (;;) {
      state = await pageKv<OutboxRun>(page, 'outbox');
      if (state?.lastRun && Date.parse(state.lastRun.at) >= t0 && state.lastRun.result === 'sent' && state.lastReceipt?.receipt.throughSeq === toSeq) break;
      if (state?.lastError) throw new Error(`the sync was refused: ${JSON.stringify(state.lastError)}`);
      if (Date.now() > end) throw new Error(`no receipt through ${toSeq}: ${JSON.stringify(state?.lastRun)}`);
      await new Promise((r) => setTimeout(r, 500));
    }

    // Nothing lost: the server holds the whole chain and every photo, byte for byte; the tablet knows it.
    await checkServerHolds(s, head.deviceId, toSeq, day);
    expect(await pendingPhotos(page)).toBe(0);

    const seen = relay!.seen.slice(before);
    // The cut really fell inside the sync: requests went out before it and after it.
    expect(seen.some((x) => x.at < cutAt)).toBe(true);
    expect(seen.some((x) => x.at > backAt)).toBe(true);

    // Photos: each one's bytes went out exactly once in all (parts continue where the server's end).
    for (const b of day.blobs) {
      const puts = seen.filter((x) => x.method === 'PUT' && x.path === `/api/v1/blobs/${b.sha256}`);
      expect(
        puts.reduce((n, x) => n + x.bodyBytes, 0),
        `photo ${b.sha256.slice(0, 8)}: ${JSON.stringify(puts.map((x) => [x.range, x.bodyBytes, x.status]))}`,
      ).toBe(b.data.length);
    }

    // Batches: none resends records the server had accepted before it was sent, except a
    // one-record question about a batch whose answer the cut swallowed.
    const batches = seen.filter((x) => x.fromSeq !== undefined);
    let held = head.seq;
    const asked: Seen[] = [];
    for (const b of batches) {
      if (b.fromSeq! <= held) {
        expect(b.toSeq, `batch ${b.fromSeq}–${b.toSeq} resent after the server held ${held}`).toBe(b.fromSeq);
        asked.push(b);
      }
      if (b.throughSeq !== undefined) held = Math.max(held, b.throughSeq);
    }
    expect(asked.length).toBeLessThanOrEqual(1);
    expect(held).toBe(toSeq);
  }, 420_000);
});
