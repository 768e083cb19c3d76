import type { Page } from 'playwright-core';
import type { StoredRecord } from '../../src/store/db';

// Helpers for the "#/records first rows with 50,000 records" figure, run against the built app in
// Chromium. Records go straight into the app's own IndexedDB from page.evaluate: the app creates
// its schema on first start, and raw IndexedDB writes maintain the same native indexes Dexie
// declared (compound, nested and multi-entry), so the list reads them exactly as sealed ones.
// Nothing in the product has a seeding hook.

/** Where the app keeps things (src/store/db.ts, src/platform/settings.ts). */
const DB_NAME = 'pingyi';
const SETTINGS_DB = 'pingyi-settings';
const SETTINGS_STORE = 'settings';

export interface SeedOptions {
  count: number;
  /** The chain to fill; default the app's practice device id (what #/records shows at start). */
  deviceId?: string;
  /** Spread over this many days before `lastDay` (default 200, i.e. 250 a day for 50,000). */
  days?: number;
  /** Local day of the newest records, YYYY-MM-DD (default today). */
  lastDay?: string;
  /** Records per IndexedDB transaction (default 5,000). */
  chunk?: number;
}

export interface SeedResult {
  deviceId: string;
  count: number;
  ms: number;
}

/**
 * Opens the app once (so it creates its database and practice device id), then writes `count`
 * sealed-looking records of the demo campaign into it: f2f mostly, with forum, visit and stall,
 * several units, newest on `lastDay`. The hashes are unique but synthetic (the list never
 * recomputes them); for a verifiable chain build records with test/bench/pages/fixtures.ts
 * (chainRecords + storedOf) and write them with putStoredRecords.
 */
export async function seedRecords(page: Page, baseUrl: string, o: SeedOptions): Promise<SeedResult> {
  await openApp(page, baseUrl);
  return page.evaluate(
    async ({ o, names }) => {
      const req = <T>(r: IDBRequest<T>) => new Promise<T>((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
      const done = (tx: IDBTransaction) => new Promise<void>((res, rej) => ((tx.oncomplete = () => res()), (tx.onerror = tx.onabort = () => rej(tx.error))));
      let deviceId = o.deviceId;
      if (!deviceId) {
        const sdb = await req(indexedDB.open(names.settingsDb));
        deviceId = (await req(sdb.transaction(names.settingsStore).objectStore(names.settingsStore).get('practiceDeviceId'))) as string;
        sdb.close();
        if (!deviceId) throw new Error('the app has not made its practice device id yet');
      }
      const units = ['office', 'law', 'cityscape', 'inspect', 'approval', 'brigade1', 'brigade2', 'brigade3', 'muck'];
      const levels = ['very', 'fairly', 'neutral', 'less', 'dissatisfied', 'unknown'];
      const dims = ['openness', 'lawful', 'efficiency', 'integrity', 'system', 'service', 'conduct', 'welfare'];
      const days = o.days ?? 200;
      const last = o.lastDay ? new Date(`${o.lastDay}T18:00:00`) : new Date();
      const start = new Date(last.getFullYear(), last.getMonth(), last.getDate() - days + 1, 8, 0, 0).getTime();
      const step = Math.max(1, Math.floor((days * 86_400_000 - 14 * 3_600_000) / o.count));
      let seed = 12345;
      const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
      const dayOf = (ms: number) => {
        const d = new Date(ms);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      };
      const uuid = (ms: number, i: number) => {
        const h = hex(ms, 12) + '7' + hex(i & 0xfff, 3) + '8' + hex(i, 15) + hex(seed, 8);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      };
      const db = await req(indexedDB.open(names.db));
      const t0 = performance.now();
      let prev = '0'.repeat(64);
      // The day rows every seal keeps (src/store/day-tally.ts), so counts match the seeded records.
      const withDays = db.objectStoreNames.contains('days');
      const tallies = new Map<
        string,
        { deviceId: string; day: string; byType: Record<string, number>; f2f: Record<string, Record<string, Record<string, number>>> }
      >();
      for (let from = 0; from < o.count; from += o.chunk ?? 5000) {
        const tx = db.transaction(withDays ? ['records', 'days'] : ['records'], 'readwrite');
        const store = tx.objectStore('records');
        for (let i = from; i < Math.min(o.count, from + (o.chunk ?? 5000)); i++) {
          const ms = start + i * step;
          const type = i % 20 === 0 ? 'forum' : i % 20 === 1 ? 'visit' : i % 20 === 2 ? 'stall' : 'f2f';
          const unitId = pick(units);
          const iso = new Date(ms).toISOString();
          const body: Record<string, unknown> =
            type === 'f2f'
              ? {
                  unitId,
                  raterGroup: pick(['expert', 'public', 'client']),
                  channel: 'stall',
                  ratings: Object.fromEntries(dims.map((d) => [d, pick(levels)])),
                  overall: pick(levels),
                  durationMs: 60_000 + Math.floor(rand() * 240_000),
                }
              : type === 'forum'
                ? {
                    unitIds: [unitId, pick(units)],
                    title: '群众座谈会',
                    heldAt: iso,
                    place: '社区服务中心',
                    attendees: { public: 10 },
                    opinions: [{ unitId, kind: 'suggestion', text: '希望进一步公开办事流程。' }],
                  }
                : type === 'visit'
                  ? { unitId, mode: 'covert', visitedAt: iso, categories: ['attitude'], severity: 'minor' }
                  : { place: '人民广场', unitIds: [unitId], openedAt: iso, closedAt: new Date(ms + 3_600_000).toISOString(), visitors: 20, complaints: [] };
          const hash = hex(i + 1, 16) + hex(seed, 8) + 'b'.repeat(40);
          const record = {
            v: 1,
            type,
            id: uuid(ms, i),
            campaignId: 'demo',
            deviceId,
            seq: i + 1,
            prev,
            collector: 'practice',
            createdAt: new Date(ms - 120_000).toISOString(),
            sealedAt: iso,
            body,
          };
          prev = hash;
          const unitIds = Array.isArray(body.unitIds) ? [...new Set(body.unitIds as string[])] : [unitId];
          store.put({ hash, deviceId, seq: i + 1, campaignId: 'demo', type, unitIds, day: dayOf(ms), sealedAt: iso, practice: 1, record });
          const day = dayOf(ms);
          const t = tallies.get(day) ?? { deviceId, day, byType: {}, f2f: {} };
          tallies.set(day, t);
          t.byType[type] = (t.byType[type] ?? 0) + 1;
          if (type === 'f2f') {
            const groups = ((t.f2f.demo ??= {})[unitId] ??= {});
            groups[body.raterGroup as string] = (groups[body.raterGroup as string] ?? 0) + 1;
          }
        }
        if (withDays) for (const t of tallies.values()) tx.objectStore('days').put(t);
        // The chain head, so that sealing in the app continues after the seeded records.
        db.transaction('heads', 'readwrite')
          .objectStore('heads')
          .put({ deviceId, seq: Math.min(o.count, from + (o.chunk ?? 5000)), hash: prev });
        await done(tx);
      }
      db.close();
      return { deviceId, count: o.count, ms: performance.now() - t0 };
    },
    { o, names: { db: DB_NAME, settingsDb: SETTINGS_DB, settingsStore: SETTINGS_STORE } },
  );
}

/** Writes ready-made stored records (e.g. a verifiable chain from the bench fixtures) in chunks. */
export async function putStoredRecords(page: Page, baseUrl: string, records: StoredRecord[], chunk = 2000): Promise<void> {
  await openApp(page, baseUrl);
  for (let i = 0; i < records.length; i += chunk) {
    await page.evaluate(
      async ({ rows, name }) => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const tx = db.transaction('records', 'readwrite');
        for (const row of rows) tx.objectStore('records').put(row);
        await new Promise<void>((res, rej) => ((tx.oncomplete = () => res()), (tx.onerror = tx.onabort = () => rej(tx.error))));
        db.close();
      },
      { rows: records.slice(i, i + chunk), name: DB_NAME },
    );
  }
}

/**
 * In-app navigation to #/records (from wherever the page is) until the first record row is in
 * the document and a frame has been painted after it; milliseconds. With `warm`, the records
 * screen's code is loaded once beforehand, so only the query and the rendering are timed.
 */
export async function timeToFirstRows(page: Page, o: { warm?: boolean; query?: string; timeoutMs?: number } = {}): Promise<number> {
  if (o.warm) {
    await page.evaluate(() => (location.hash = '#/records?type=void'));
    await page.waitForSelector('[data-testid="list-count"]');
  }
  await page.evaluate(() => (location.hash = '#/'));
  await page.waitForSelector('.tiles');
  await definePageNameHelper(page);
  // Start from a settled home screen (its own reads done), as a user tapping 记录 would.
  await page.waitForFunction(() => document.querySelector('[data-testid="count-f2f"]')?.textContent !== '–');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  return page.evaluate(
    ({ query, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const found = () => {
          obs.disconnect();
          clearTimeout(timer);
          // The row is in the DOM; the next animation frame is when it reaches the screen.
          requestAnimationFrame(() => resolve(performance.now() - t0));
        };
        const obs = new MutationObserver(() => document.querySelector('[data-testid="record-row"]') && found());
        const timer = setTimeout(() => (obs.disconnect(), reject(new Error('no record row appeared'))), timeoutMs);
        obs.observe(document.body, { childList: true, subtree: true });
        location.hash = `#/records${query}`;
      }),
    { query: o.query ?? '', timeoutMs: o.timeoutMs ?? 30_000 },
  );
}

/** A fresh load of /#/records (app start included): ms from navigation start to the first row on screen. */
export async function coldTimeToFirstRows(page: Page, baseUrl: string, timeoutMs = 30_000): Promise<number> {
  // Watches from the very start of the document, in the page itself: no polling delay in the figure.
  await page.addInitScript('globalThis.__name ??= (fn) => fn');
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRowAt?: number };
    const obs = new MutationObserver(() => {
      if (w.__firstRowAt === undefined && document.querySelector('[data-testid="record-row"]')) {
        obs.disconnect();
        requestAnimationFrame(() => (w.__firstRowAt = performance.now()));
      }
    });
    obs.observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${baseUrl}/#/records`);
  const at = await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt, undefined, { timeout: timeoutMs });
  return (await at.jsonValue()) as number;
}

/** Loads the app and waits until it has started (its database and settings exist then). */
async function openApp(page: Page, baseUrl: string): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/#/`);
  await page.waitForSelector('.tiles, .topbar', { timeout: 30_000 });
  await definePageNameHelper(page);
}

/**
 * tsx (esbuild with keepNames) wraps functions declared inside the callbacks given to
 * page.evaluate in `__name(fn, "name")`, a helper that exists in Node but not in the page.
 * A string is evaluated as is, so this defines the helper without being rewritten itself.
 */
async function definePageNameHelper(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}
