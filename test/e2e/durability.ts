import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { CHROMIUM } from './browser';
import { option } from './flows';

// What the durability test and the bench share: a Chromium that can be killed like a tablet's
// browser (SIGKILL to its whole process group, profile on disk), and answers and seals timed from
// the tap to the moment another connection can read them. A read from another connection sees
// only committed transactions, and the app commits with strict durability (flushed to disk before
// it reports success), so that moment is when a kill can no longer lose what was tapped.

/** A Chromium in a process group of its own, on a persistent profile, driven over CDP. */
export interface KillableBrowser {
  browser: Browser;
  ctx: BrowserContext;
  page: Page;
  /** SIGKILL to every process of the browser (renderers, storage, GPU …) at once. */
  kill(): Promise<void>;
  /** What this browser logged about storage (IndexedDB, LevelDB, quota) so far. */
  storageLog(): string[];
  close(): Promise<void>;
}

/**
 * Waits (up to 30 s) until no process of the group is left running, and throws if one still is.
 * The browser's main process ends first; another of its group went on running for a moment (seen:
 * one still running when the main one had exited, the rest zombies until reaped ~1.5 s later). A
 * process that still holds the profile's IndexedDB files makes the next browser fail to open them,
 * and Chromium then deletes the database and starts an empty one: a run once lost the 60,000
 * seeded records that way, relaunching at once. A tablet reopened after a crash finds the old
 * processes long gone. Zombies hold no files. A process killed in the middle of a disk write ends
 * when the write does: on a slow disk under load that can take seconds.
 */
async function groupGone(pgid: number): Promise<void> {
  const running = (): string[] => {
    const found: string[] = [];
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        // Fields after the command's closing parenthesis: state, ppid, pgrp, …
        const [state, , pgrp] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
        if (Number(pgrp) === pgid && state !== 'Z') found.push(`${pid} (state ${state})`);
      } catch {
        // gone meanwhile
      }
    }
    return found;
  };
  const end = Date.now() + 30_000;
  let left = running();
  while (left.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
    left = running();
  }
  if (left.length > 0) throw new Error(`Chromium processes still running 30 s after SIGKILL: ${left.join(', ')}`);
}

/** Lines of Chromium's log about storage (IndexedDB, LevelDB, quota), kept to explain a lost database. */
const STORAGE_LOG = /indexed_?db|leveldb|backing.?store|corrupt|quota|sqlite/i;

export async function launchKillable(profileDir: string): Promise<KillableBrowser> {
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
      '--window-size=1280,800',
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${text.slice(-500)}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${text.slice(-500)}`)));
  });
  const storageLog: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (STORAGE_LOG.test(line) && storageLog.length < 200) storageLog.push(line);
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const ctx = browser.contexts()[0]!;
  ctx.setDefaultTimeout(20_000);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const kill = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    await groupGone(child.pid!);
    await browser.close().catch(() => undefined);
  };
  return {
    browser,
    ctx,
    page,
    kill,
    storageLog: () => [...storageLog],
    async close() {
      await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
      await kill();
    },
  };
}

/** The dimension ids of the demo campaign by label, and the scale keys by label. */
export const DIM_ID = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.label, d.id]));
export const LEVEL_KEY = Object.fromEntries(DEMO_CAMPAIGN.scale.map((l) => [l.label, l.key]));
export const GROUP_ID = Object.fromEntries(DEMO_CAMPAIGN.raterGroups.map((g) => [g.label, g.id]));

/** What must be readable after a tap: a draft holding an answer, or the sealed record of a draft. */
export type Durable = { kind: 'answer'; path: string[]; value: string } | { kind: 'sealed'; draftId: string };

/**
 * Taps an element in the page and returns the ms from the tap until `want` is readable from a
 * second IndexedDB connection (polled every 4 ms), or -1 when `timeoutMs` passes first.
 */
export async function tapUntilReadable(page: Page, target: Parameters<Page['evaluate']>[1], want: Durable, timeoutMs = 10_000): Promise<number> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(
    async ([el, w, limit]) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open('pingyi');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const req = <T>(r: IDBRequest<T>) => new Promise<T>((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
      const readable = async (): Promise<boolean> => {
        if (w.kind === 'sealed') return (await req(db.transaction('records').objectStore('records').index('record.id').count(w.draftId))) > 0;
        const drafts = (await req(db.transaction('drafts').objectStore('drafts').getAll())) as { body: Record<string, unknown> }[];
        return drafts.some((d) => {
          let v: unknown = d.body;
          for (const k of w.path) v = (v as Record<string, unknown> | undefined)?.[k];
          return v === w.value;
        });
      };
      const t0 = performance.now();
      (el as HTMLElement).click();
      try {
        for (;;) {
          if (await readable()) return performance.now() - t0;
          if (performance.now() - t0 > limit) return -1;
          await new Promise((r) => setTimeout(r, 4));
        }
      } finally {
        db.close();
      }
    },
    [target, want, timeoutMs] as const,
  );
}

/** Taps an answer of the questionnaire; ms until the draft holding it is readable. */
export async function timedAnswer(page: Page, group: string, label: string): Promise<number> {
  const el = await option(page, group, label).elementHandle();
  const want: Durable =
    group === '评议主体'
      ? { kind: 'answer', path: ['raterGroup'], value: GROUP_ID[label]! }
      : group === '总体评价'
        ? { kind: 'answer', path: ['overall'], value: LEVEL_KEY[label]! }
        : { kind: 'answer', path: ['ratings', DIM_ID[group]!], value: LEVEL_KEY[label]! };
  return tapUntilReadable(page, el, want);
}

/** The ids of the drafts stored now (raw IndexedDB). */
export async function draftIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((ok, fail) => {
        const r = indexedDB.open('pingyi');
        r.onerror = () => fail(r.error);
        r.onsuccess = () => {
          const q = r.result.transaction('drafts').objectStore('drafts').getAllKeys();
          q.onsuccess = () => (r.result.close(), ok(q.result as string[]));
          q.onerror = () => fail(q.error);
        };
      }),
  );
}

/** Taps 提交/封存 on a questionnaire whose draft is stored; ms until its sealed record is readable. */
export async function timedSeal(page: Page): Promise<number> {
  const ids = await draftIds(page);
  if (ids.length !== 1) throw new Error(`expected one draft before the seal, found ${ids.length}`);
  const button = await page.getByRole('button', { name: '提交/封存' }).elementHandle();
  return tapUntilReadable(page, button, { kind: 'sealed', draftId: ids[0]! });
}

/** Empties the drafts store (between trials, from the home screen). */
export async function clearDrafts(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((ok, fail) => {
        const r = indexedDB.open('pingyi');
        r.onerror = () => fail(r.error);
        r.onsuccess = () => {
          const tx = r.result.transaction('drafts', 'readwrite');
          tx.objectStore('drafts').clear();
          tx.oncomplete = () => (r.result.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
      }),
  );
}

/** The answers of one questionnaire, in the order they are tapped: [group label, option label]. */
export function questionnaire(i: number): [string, string][] {
  const levels = DEMO_CAMPAIGN.scale.map((l) => l.label);
  const groups = DEMO_CAMPAIGN.raterGroups.map((g) => g.label);
  return [
    ['评议主体', groups[i % groups.length]!],
    ...DEMO_CAMPAIGN.dimensions.map((d, k) => [d.label, levels[(i + k) % levels.length]!] as [string, string]),
    ['总体评价', levels[(i + 3) % levels.length]!],
  ];
}

export { option };
