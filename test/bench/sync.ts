// Sync figure of the built app: N sealed records in the tablet's IndexedDB → batches signed in
// the page → the real server → every record marked received under a verified receipt.
// Used by the bench (`syncFigure`), or on its own:
//   npx vite build --outDir .tmp/sync-dist && npx tsx test/bench/sync.ts [N] [runs] [.tmp/sync-dist]
// (the app directory defaults to dist/)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../../src/domain/ids';
import type { PingyiRecord } from '../../src/domain/records';
import { hSync, ZERO } from '../../src/protocol/canon';
import { firstPage, newProfile } from '../e2e/browser';
import type { TestServer } from '../e2e/harness';
import { figure, ROOT, type Figure } from './common';
import { spawnServer } from './server-process';

/** Enrolls the app in `page` through its enroll screen with a fresh code of `server`. */
export async function enrollAppPage(page: Page, server: TestServer, collector = 'bench-coordinator'): Promise<void> {
  const { code } = await server.admin<{ code: string }>('POST', '/api/v1/admin/enrollment-codes', { campaignId: 'demo', role: 'coordinator', collector });
  await page.goto(`${server.url}/#/enroll?server=${encodeURIComponent(server.url)}&code=${encodeURIComponent(code)}`);
  await page.click('[data-testid="enroll-submit"]');
  await page.waitForSelector('[data-testid="enroll-done"]', { timeout: 30_000 });
  // The shell starts the automatic sync once enrolled; let its first run (nothing to send) finish
  // so that it cannot take the records seeded next from under the timed run.
  await until(async () => !!(await kv<{ lastRun?: unknown }>(page, 'outbox'))?.lastRun, 30_000);
}

/** Polls `check` (an IndexedDB read in the page) until it holds. */
async function until(check: () => Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The page's kv row (raw IndexedDB: the bench reads the app's database without its code). */
function kv<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    (k) =>
      new Promise<T | undefined>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('kv').objectStore('kv').get(k);
          req.onsuccess = () => {
            open.result.close();
            ok((req.result as { value: T } | undefined)?.value);
          };
          req.onerror = () => fail(req.error);
        };
      }),
    key,
  );
}

const ratings = {
  openness: 'very',
  lawful: 'fairly',
  efficiency: 'very',
  integrity: 'very',
  system: 'neutral',
  service: 'very',
  conduct: 'fairly',
  welfare: 'very',
};
const UNITS = ['office', 'law', 'cityscape', 'inspect', 'approval', 'brigade1', 'brigade2', 'brigade3', 'muck'];

/**
 * Seals `n` f2f records of the demo campaign onto the enrolled device's chain, as sealDraft would
 * have: built and hashed here, written into the page's IndexedDB in one transaction.
 */
export async function seedSealedRecords(page: Page, n: number): Promise<{ deviceId: string; toSeq: number }> {
  const e = await kv<{ deviceId: string; collector: string; campaignId: string }>(page, 'enrollment');
  if (!e) throw new Error('the page is not enrolled');
  const head = await page.evaluate(
    (deviceId) =>
      new Promise<{ seq: number; hash: string } | undefined>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('heads').objectStore('heads').get(deviceId);
          req.onsuccess = () => {
            open.result.close();
            ok(req.result);
          };
        };
      }),
    e.deviceId,
  );
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? ZERO;
  const rows: unknown[] = [];
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    seq++;
    const at = new Date(t0 + i).toISOString();
    const unitId = UNITS[i % UNITS.length]!;
    const record: PingyiRecord = {
      v: 1,
      type: 'f2f',
      id: uuidv7(t0 + i),
      campaignId: e.campaignId,
      deviceId: e.deviceId,
      seq,
      prev,
      collector: e.collector,
      // Started two minutes before sealing: durationMs must fit between createdAt and sealedAt.
      createdAt: new Date(t0 + i - 120_000).toISOString(),
      sealedAt: at,
      body: {
        unitId,
        raterGroup: ['expert', 'public', 'client'][i % 3],
        channel: 'stall',
        ratings,
        overall: 'fairly',
        comment: '窗口服务态度较好，办事效率有待提高。',
        durationMs: 95_000 + i,
      },
    };
    const hash = hSync(record);
    rows.push({
      hash,
      deviceId: e.deviceId,
      seq,
      campaignId: e.campaignId,
      type: 'f2f',
      unitIds: [unitId],
      day: at.slice(0, 10),
      sealedAt: at,
      practice: 0,
      record,
    });
    prev = hash;
  }
  await page.evaluate(
    ([records, headRow]) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['records', 'heads'], 'readwrite', { durability: 'strict' });
          for (const r of records as unknown[]) tx.objectStore('records').add(r);
          tx.objectStore('heads').put(headRow);
          tx.oncomplete = () => {
            open.result.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    [rows, { deviceId: e.deviceId, seq, hash: prev }] as const,
  );
  return { deviceId: e.deviceId, toSeq: seq };
}

/**
 * Waits, inside the page, for an outbox run that ended at or after `t0` (page clock) and returns
 * the outbox state. Polling from the page (every 50 ms) keeps the driver's messages off the
 * measured run; the figures come from the timestamps the app writes, not from when this notices.
 */
function runEndedInPage<T>(page: Page, t0: number, timeoutMs: number): Promise<T> {
  // No named functions in here: the bundler's name helper does not exist in the page.
  return page.evaluate(
    async ([since, limit]) => {
      const end = Date.now() + limit;
      for (;;) {
        const state = await new Promise<{ lastRun?: { at: string } } | undefined>((ok, fail) => {
          const open = indexedDB.open('pingyi');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('kv').objectStore('kv').get('outbox');
            req.onsuccess = () => {
              open.result.close();
              ok((req.result as { value?: { lastRun?: { at: string } } } | undefined)?.value);
            };
            req.onerror = () => fail(req.error);
          };
        });
        if (state?.lastRun && Date.parse(state.lastRun.at) >= since) return state as T;
        if (Date.now() > end) throw new Error(`no outbox run ended within ${limit} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    [t0, timeoutMs] as const,
  );
}

/** One timed sync: to the last verified receipt, and to the end of the run (every record marked). */
export interface SyncTiming {
  receiptsMs: number;
  markedMs: number;
}

/** The seq through which the page's received mark covers the device's chain (raw IndexedDB). */
function receivedInPage(page: Page, deviceId: string): Promise<number> {
  return page.evaluate(
    (dev) =>
      new Promise<number>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('received').objectStore('received').get(dev);
          req.onsuccess = () => {
            open.result.close();
            ok((req.result as { throughSeq?: number } | undefined)?.throughSeq ?? 0);
          };
          req.onerror = () => fail(req.error);
        };
      }),
    deviceId,
  );
}

/**
 * One timed sync on '#/sync', from the press of 同步 (page clock) to: the verification of the last
 * receipt (`receiptsMs`, the receipt's verifiedAt), and the end of the run written last in the
 * outbox state (`markedMs`: every record also marked received, the audit log checked). Checked
 * afterwards: the server's head for the device, and no unmarked record left in the page.
 */
export async function timeSyncToReceipts(page: Page, server: TestServer, n: number): Promise<SyncTiming> {
  const { deviceId, toSeq } = await seedSealedRecords(page, n);
  if (!page.url().includes('#/sync')) await page.goto(`${server.url}/#/sync`);
  await page.waitForSelector('[data-testid="sync-button"]:not([disabled])');
  const t0: number = await page.evaluate(() => {
    const now = Date.now();
    (document.querySelector('[data-testid="sync-button"]') as HTMLButtonElement).click();
    return now;
  });
  type State = { lastRun?: { at: string; result: string; sentRecords: number }; lastReceipt?: { verifiedAt: string; receipt: { throughSeq: number } } };
  const state = await runEndedInPage<State>(page, t0, 300_000);
  if (state.lastRun?.result !== 'sent' || state.lastRun.sentRecords !== n) throw new Error(`sync ended with ${JSON.stringify(state.lastRun)}`);
  if (state.lastReceipt?.receipt.throughSeq !== toSeq) throw new Error(`the last receipt covers ${state.lastReceipt?.receipt.throughSeq}, expected ${toSeq}`);
  const devices = await server.admin<{ devices: { deviceId: string; headSeq: number }[] }>('GET', '/api/v1/admin/devices');
  const held = devices.devices.find((d) => d.deviceId === deviceId)?.headSeq;
  if (held !== toSeq) throw new Error(`the server holds the device's chain up to ${held}, expected ${toSeq}`);
  const through = await receivedInPage(page, deviceId);
  if (through !== toSeq) throw new Error(`the page's received mark covers seq ${through}, expected ${toSeq}`);
  return { receiptsMs: Date.parse(state.lastReceipt.verifiedAt) - t0, markedMs: Date.parse(state.lastRun.at) - t0 };
}

/**
 * The bench figure: an enrolled app page, a warm-up sync, then `runs` timed syncs of `n` records.
 * The figure is the whole run (records marked received); `receipts` is the time to the last
 * verified receipt, the part the tablet's disk does not bound.
 */
export async function syncFigure(ctx: BrowserContext, server: TestServer, n: number, runs: number): Promise<Figure & { receipts: Figure }> {
  const page = await ctx.newPage();
  try {
    await enrollAppPage(page, server);
    await timeSyncToReceipts(page, server, 1); // loads the sync code and fills the caches
    const xs: SyncTiming[] = [];
    for (let i = 0; i < runs; i++) xs.push(await timeSyncToReceipts(page, server, n));
    return { ...figure(xs.map((x) => x.markedMs)), receipts: figure(xs.map((x) => x.receiptsMs)) };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10_000);
  const runs = Number(process.argv[3] ?? 3);
  const server = await spawnServer({ env: { PINGYI_STATIC_DIR: resolve(ROOT, process.argv[4] ?? 'dist') } });
  const profile = newProfile('pingyi-bench-sync-');
  try {
    const ctx = await profile.open();
    await firstPage(ctx);
    const f = await syncFigure(ctx, server, n, runs);
    console.log(`sync ${n} records, whole run (all marked received): median ${f.median} ms (min ${f.min}, max ${f.max}; runs ${f.runs.join(', ')})`);
    console.log(`  to the last verified receipt: median ${f.receipts.median} ms (runs ${f.receipts.runs.join(', ')})`);
  } finally {
    await profile.dispose();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
