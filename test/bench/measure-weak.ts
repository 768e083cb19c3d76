import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { TestServer } from '../e2e/harness';
import { figure, listen, openPage, pagesApp, ROOT, type Bench, type Figure } from './common';
import { spawnServer } from './server-process';
import { enrollAppPage, timeSyncToReceipts } from './sync';
import { memoryPouch } from './peer-pouch';
import {
  checkServerHolds,
  clearNetEmulation,
  countingRelay,
  DAY,
  dayOfWork,
  emulateWeakNet,
  floorMs,
  makeStreetPhotos,
  pageHead,
  pageKv,
  pendingPhotos,
  pressSync,
  storeDayOfWork,
  type DayOfWork,
  type DayShape,
  type OutboxRun,
} from './weak-net';
import expressPouchdb from 'express-pouchdb';

export interface WeakBench extends Bench {
  ctx: BrowserContext;
  pagesDir: string;
  quick: boolean;
}

/** One weak-network sync of a day's work: its time, the bytes the app sent, and the cut's cost when cut. */
interface WeakRun {
  ms: number;
  bytesUp: number;
  payloadBytes: number;
}

/** Waits (polling from Node every 250 ms: the run lasts minutes) until the outbox holds a receipt through toSeq. */
async function receiptedThrough(page: Page, t0: number, toSeq: number, timeoutMs: number): Promise<OutboxRun> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await pageKv<OutboxRun>(page, 'outbox');
    if (s?.lastRun && Date.parse(s.lastRun.at) >= t0 && s.lastRun.result === 'sent' && s.lastReceipt?.receipt.throughSeq === toSeq) return s;
    if (s?.lastRun && Date.parse(s.lastRun.at) >= t0 && s.lastRun.result === 'refused') throw new Error(`the sync was refused: ${JSON.stringify(s.lastError)}`);
    if (Date.now() > end) throw new Error(`no receipt through ${toSeq} within ${timeoutMs} ms: ${JSON.stringify(s?.lastRun)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A day's work stored, the weak link on, 同步 pressed; timed on the page's clock to the end of the
 * run that leaves every record under a verified receipt. With `cutAfterMs`, the link drops for
 * `cutMs` that long after the press (the app's own retry brings it back).
 */
async function weakSyncOnce(
  page: Page,
  server: TestServer,
  relay: { up: number; reset(): void },
  photos: Uint8Array[],
  shape: DayShape,
  cut?: { afterMs: number; forMs: number },
): Promise<WeakRun & { day: DayOfWork }> {
  const head = await pageHead(page);
  const day = await dayOfWork({ deviceId: head.deviceId, collector: head.collector, fromSeq: head.seq + 1, prev: head.hash, nowMs: Date.now(), photos }, shape);
  await storeDayOfWork(page, day);
  const toSeq = head.seq + day.records.length;
  if (!page.url().includes('#/sync')) await page.goto(`${server.url}/#/sync`);
  await page.waitForSelector('[data-testid="sync-button"]:not([disabled])', { timeout: 60_000 });
  const cdp: CDPSession = await emulateWeakNet(page);
  try {
    relay.reset();
    const t0 = await pressSync(page, server.url);
    let cutting: Promise<void> = Promise.resolve();
    if (cut) {
      cutting = (async () => {
        await new Promise((r) => setTimeout(r, cut.afterMs));
        await emulateWeakNet(page, { offline: true, cdp });
        await new Promise((r) => setTimeout(r, cut.forMs));
        await emulateWeakNet(page, { cdp });
      })();
    }
    const state = await receiptedThrough(page, t0, toSeq, 1_800_000);
    await cutting;
    const bytesUp = relay.up;
    await checkServerHolds(server, head.deviceId, toSeq, day);
    const left = await pendingPhotos(page);
    if (left) throw new Error(`${left} photos are not marked uploaded`);
    return { ms: Date.parse(state.lastRun!.at) - t0, bytesUp, payloadBytes: day.payloadBytes, day };
  } finally {
    await clearNetEmulation(cdp).catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * PouchDB (IndexedDB) replicating the same records (one document each, the record plus its hash)
 * and the same sealed photos (each an attachment of its visit's document) to express-pouchdb,
 * with the page under the same emulation. Loading the local database is set-up; only the
 * replication is timed.
 */
async function pouchWeakOnce(ctx: BrowserContext, pagesDir: string, day: DayOfWork, run: number): Promise<number> {
  const PouchDB = memoryPouch();
  const app = pagesApp(pagesDir);
  app.use('/db', expressPouchdb(PouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' }));
  const server = await listen(app);
  const page = await openPage(ctx, `${server.url}/pouch-peer.html`, 'loadPouchDay');
  try {
    const photos = new Map(day.blobs.map((b) => [b.sha256, Buffer.from(b.data).toString('base64')]));
    const docs = day.records.map(({ record, hash }) => ({
      _id: record.id,
      hash,
      ...record,
      ...(record.attachments?.length
        ? { _attachments: Object.fromEntries(record.attachments.map((a) => [a.sha256, { content_type: a.mime, data: photos.get(a.sha256)! }])) }
        : {}),
    }));
    const local = `weak-${run}-${Date.now()}`;
    for (let i = 0; i < docs.length; i += 50)
      await page.evaluate(([name, chunk]) => (window as any).loadPouchDay(name, chunk), [local, docs.slice(i, i + 50)] as const);
    const cdp = await emulateWeakNet(page);
    try {
      return await page.evaluate(([name, url, n]) => (window as any).replicatePouchDay(name, url, n), [
        local,
        `${server.url}/db/weak-${run}-${Date.now()}`,
        docs.length,
      ] as const);
    } finally {
      await clearNetEmulation(cdp).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    }
  } finally {
    await page.close();
    await server.close();
  }
}

/**
 * weakNetSyncMs, weakNetFloorMs and weakNetPouchMs, from the same runs: each run syncs a fresh
 * day's work and replicates the same documents with PouchDB. A last run is cut for 20 s in the
 * middle; its extra time is noted.
 */
export async function weakNetFigures(b: WeakBench): Promise<void> {
  const keys = ['weakNetSyncMs', 'weakNetFloorMs', 'weakNetPouchMs'];
  if (!keys.some((k) => b.wanted(k))) return;
  const shape: DayShape = b.quick ? { f2f: 100, forums: 2, stalls: 2, photos: 8 } : DAY;
  const runs = b.quick ? 1 : b.sizes.weakRuns;
  const server = await spawnServer({ env: { PINGYI_STATIC_DIR: join(ROOT, 'dist') } });
  const relay = await countingRelay(server.url);
  // The app talks to the server through the counting relay; the bench's own checks go direct.
  const app: TestServer = { ...server, url: relay.url, close: () => Promise.resolve() };
  const page = await b.ctx.newPage();
  const syncs: WeakRun[] = [];
  const pouch: number[] = [];
  let failure: unknown = null;
  try {
    await enrollAppPage(page, app);
    await timeSyncToReceipts(page, app, 1); // loads the sync code and fills the caches
    const photos = await makeStreetPhotos(page, 4);
    process.stdout.write(`(photos ${photos.map((p) => (p.length / 1024).toFixed(0)).join('/')} KiB) `);
    for (let run = 0; run < runs; run++) {
      const s = await weakSyncOnce(page, app, relay, photos, shape);
      syncs.push(s);
      pouch.push(await pouchWeakOnce(b.ctx, b.pagesDir, s.day, run));
    }
    const plain = figure(syncs.map((s) => s.ms)).median;
    const cut = await weakSyncOnce(page, app, relay, photos, shape, { afterMs: Math.round(plain / 2), forMs: 20_000 });
    b.note(
      `weak network with the link cut for 20 s half-way: ${cut.ms.toFixed(0)} ms, ${(cut.ms - plain).toFixed(0)} ms more than uncut (20,000 of them the cut); ` +
        `${cut.bytesUp} bytes sent against ${Math.round(figure(syncs.map((s) => s.bytesUp)).median)} uncut`,
    );
  } catch (e) {
    failure = e;
  } finally {
    await page.close();
    await relay.close();
    await server.close();
  }
  if (failure && syncs.length)
    b.note(`weak network: the run cut for 20 s failed: ${failure instanceof Error ? failure.message.split('\n')[0] : String(failure)}`);
  const s = syncs.length ? figure(syncs.map((x) => x.ms)) : null;
  if (s) {
    const sent = figure(syncs.map((x) => x.bytesUp)).median;
    b.note(
      `weak network: ${shape.f2f + shape.forums + shape.stalls + shape.photos} records and ${shape.photos} photos, ${syncs[0]!.payloadBytes} bytes of records and photos; the app sent ${sent} bytes (${((sent / syncs[0]!.payloadBytes - 1) * 100).toFixed(1)} % above them)`,
    );
  }
  const fail = () => Promise.reject(failure instanceof Error ? failure : new Error(String(failure)));
  await b.measure('weakNetSyncMs', 'a day’s work over the weak link to verified receipts', 'ms', () => (s ? Promise.resolve(s) : fail()));
  await b.measure('weakNetFloorMs', 'its floor: the bytes sent ÷ 750 kbit/s + one round trip', 'ms', () =>
    syncs.length ? Promise.resolve(figure(syncs.map((x) => floorMs(x.bytesUp)))) : fail(),
  );
  await b.measure('weakNetPouchMs', 'PouchDB replicating the same over the weak link (peer)', 'ms', () =>
    pouch.length ? Promise.resolve(figure(pouch) as Figure) : fail(),
  );
}
