import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { firstPage, newProfile, type Profile } from './browser';
import { loadConfig } from '../../src/server/config';
import { openServer } from '../../src/server/server';
import type { PingyiRecord } from '../../src/domain/records';
import { hSync, ZERO } from '../../src/protocol/canon';
import { adminCall } from '../admin-call';
import { enrollDevice } from '../server/device';
import type { TestServer as ServerHarness } from '../server/harness';

export { closeQuietly, firstPage, newProfile, waitForServiceWorker, type Profile } from './browser';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');

/** The real central endpoint on 127.0.0.1 (random port) with its own data dir, serving dist/. */
export interface TestServer {
  url: string;
  adminToken: string;
  dataDir: string;
  /** An admin API call with the admin token; throws on a non-2xx answer. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Serve the built app (default: dist/, which must exist: `npm run build`). */
  staticDir?: string | null;
  /** postgres://… to run on PostgreSQL; SQLite in the data dir otherwise. */
  databaseUrl?: string;
}

export async function startServer(o: ServerOptions = {}): Promise<TestServer> {
  const staticDir = o.staticDir === undefined ? DIST : o.staticDir;
  if (staticDir && !existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir}/index.html is missing: run \`npm run build\` first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-data-'));
  const adminToken = randomBytes(24).toString('base64url');
  const config = loadConfig({
    PINGYI_DATA_DIR: dataDir,
    PINGYI_ADMIN_TOKEN: adminToken,
    PINGYI_STATIC_DIR: staticDir ?? join(dataDir, 'no-app'),
    PINGYI_RATE_ENROLL: '1000',
    PINGYI_RATE_ADMIN: '100000',
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
  });
  let opened: Awaited<ReturnType<typeof openServer>>;
  try {
    opened = await openServer(config, { logger: false });
    await opened.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const { port } = opened.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    adminToken,
    dataDir,
    admin: adminCall(url, adminToken),
    async close() {
      await Promise.race([opened.app.close(), new Promise((r) => setTimeout(r, 10_000))]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every record the office has received (all pages of GET /api/v1/admin/records). */
export async function serverRecords(server: TestServer, campaignId?: string): Promise<{ hash: string; record: PingyiRecord }[]> {
  const out: { hash: string; record: PingyiRecord }[] = [];
  let after: string | null = null;
  do {
    const q = new URLSearchParams({ limit: '500', ...(campaignId ? { campaignId } : {}), ...(after ? { after } : {}) });
    const page: { records: { hash: string; record: PingyiRecord }[]; next: string | null } = await server.admin('GET', `/api/v1/admin/records?${q}`);
    out.push(...page.records);
    after = page.next;
  } while (after);
  return out;
}

/** A whole object store of the app's IndexedDB database, read with the raw API (no app code). */
export function readStore<T = unknown>(page: Page, store: string, dbName = 'pingyi'): Promise<T[]> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<T[]>((ok, fail) => {
        const open = indexedDB.open(name!);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(storeName!)) {
            db.close();
            return ok([]);
          }
          const req = db.transaction(storeName!, 'readonly').objectStore(storeName!).getAll();
          req.onsuccess = () => {
            db.close();
            ok(req.result as T[]);
          };
          req.onerror = () => fail(req.error);
        };
      }),
    [dbName, store] as const,
  );
}

/**
 * Checks a device's chain as the server would: seqs 1..n without gaps, each prev the H() of the
 * record before, H() recomputed here with the protocol's canonicalisation, equal to the stored hash.
 * Returns a list of problems (empty when the chain is intact).
 */
export function chainProblems(stored: { hash: string; record: PingyiRecord }[]): string[] {
  const problems: string[] = [];
  const sorted = [...stored].sort((a, b) => a.record.seq - b.record.seq);
  let prev = ZERO;
  sorted.forEach((s, i) => {
    const r = s.record;
    if (r.seq !== i + 1) problems.push(`record ${i}: seq ${r.seq}, expected ${i + 1}`);
    if (r.prev !== prev) problems.push(`seq ${r.seq}: prev ${r.prev.slice(0, 8)}…, expected ${prev.slice(0, 8)}…`);
    const h = hSync(r);
    if (h !== s.hash) problems.push(`seq ${r.seq}: stored hash differs from H(record)`);
    prev = h;
  });
  return problems;
}

/**
 * On failure: prints what the pages logged and saves a screenshot of each open page under
 * test-results/ (git-ignored), so a failing browser test explains itself.
 */
export function onFailure(t: { onTestFailed(fn: () => Promise<void> | void): void }, name: string, profile: () => Profile | undefined, log: string[]): void {
  t.onTestFailed(async () => {
    if (log.length) console.log(`[${name}] browser log:\n${log.join('\n')}`);
    const ctx = profile()?.current();
    if (!ctx) return;
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    for (const [i, page] of ctx.pages().entries()) {
      const path = join(ROOT, 'test-results', `${name}-${i}.png`);
      await page.screenshot({ path, fullPage: true, timeout: 5000 }).then(
        () => console.log(`[${name}] screenshot: ${path} (${page.url()})`),
        () => undefined,
      );
    }
  });
}

/** A browser test file's server and Chromium profile (browserFixture). */
export interface BrowserFixture {
  /** The file's server; a test that stops it sets undefined, and the file's end closes what is left. */
  server: TestServer | undefined;
  profile: Profile;
  /** What the pages logged, printed when a test fails. */
  log: string[];
  /** On the test's failure: the log and a screenshot of each open page (onFailure). */
  watch(t: { onTestFailed(fn: () => Promise<void> | void): void }): void;
  /** watch(t), then the profile's browser and its first page, whose errors go to the log. */
  open(t: { onTestFailed(fn: () => Promise<void> | void): void }): Promise<{ ctx: BrowserContext; page: Page }>;
}

/**
 * A server and a Chromium profile for the tests of a file (its describe block): started before them,
 * then `setup` (what the office has done before the tests begin), closed after them. `name` names
 * the screenshots of a failing test.
 */
export function browserFixture(name: string, setup?: (server: TestServer) => Promise<void>): BrowserFixture {
  const fx: BrowserFixture = {
    server: undefined,
    profile: undefined as unknown as Profile,
    log: [],
    watch: (t) => onFailure(t, name, () => fx.profile, fx.log),
    async open(t) {
      fx.watch(t);
      const ctx = await fx.profile.open();
      const page = await firstPage(ctx);
      watchPage(page, fx.log);
      return { ctx, page };
    },
  };
  beforeAll(async () => {
    fx.server = await startServer();
    fx.profile = newProfile();
    await setup?.(fx.server);
  });
  afterAll(async () => {
    await fx.profile?.dispose();
    await fx.server?.close();
  });
  return fx;
}

/** Collects page errors and failed console messages, to print when a test fails. */
export function watchPage(page: Page, log: string[] = []): string[] {
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`);
  });
  return log;
}

/** Polls fn until ok(value) holds; throws with the last value after timeoutMs (no test runner needed). */
export async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await fn();
      error = undefined;
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() > end) {
      const why = error instanceof Error ? error.message : JSON.stringify(last);
      throw new Error(`timed out waiting for ${what}; last: ${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A tablet stand-in enrolled on this server (WebCrypto keys, signed batches: test/server/device.ts),
 * for browser tests that need records on the server before the console opens.
 */
export function enrollStandIn(server: TestServer): ReturnType<typeof enrollDevice> {
  const harness = {
    url: server.url,
    now: Date.now,
    admin: async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const res = await fetch(server.url + path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: await res.json() };
    },
  } as unknown as ServerHarness;
  return enrollDevice(harness);
}
