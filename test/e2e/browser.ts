import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium, driven by playwright-core (its own browser download is unavailable here).
export const CHROMIUM = process.env.PINGYI_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A Chromium profile on disk: a closed context can be reopened on it, IndexedDB and service worker intact. */
export interface Profile {
  dir: string;
  /** Opens a context on the profile (only one at a time). */
  open(opts?: { offline?: boolean }): Promise<BrowserContext>;
  /** The open context, if any. */
  current(): BrowserContext | null;
  /** Closes any open context and deletes the profile directory. */
  dispose(): Promise<void>;
}

export function newProfile(prefix = 'pingyi-e2e-profile-'): Profile {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let current: BrowserContext | null = null;
  return {
    dir,
    async open(opts = {}) {
      if (current) await closeQuietly(current);
      const ctx = await launch(dir, opts.offline ?? false);
      ctx.setDefaultTimeout(15_000);
      ctx.setDefaultNavigationTimeout(20_000);
      current = ctx;
      ctx.on('close', () => {
        if (current === ctx) current = null;
      });
      return ctx;
    },
    current: () => current,
    async dispose() {
      if (current) await closeQuietly(current);
      current = null;
      // Chromium's helpers may still be writing into the profile for a moment after it closes; a
      // leftover temporary directory is not worth failing a test over.
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
      } catch (e) {
        console.warn(`could not remove the browser profile ${dir}: ${(e as Error).message}`);
      }
    },
  };
}

/** Launches Chromium on the profile (a start can take long on a loaded machine). */
function launch(dir: string, offline: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timeout: 60_000,
    offline,
  });
}

/** Closes a context without throwing (used in afterAll, after failures too), bounded in time. */
export async function closeQuietly(ctx: BrowserContext): Promise<void> {
  await Promise.race([ctx.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
}

/** The page of a fresh persistent context (it always opens with one blank page). */
export async function firstPage(ctx: BrowserContext): Promise<Page> {
  return ctx.pages()[0] ?? (await ctx.newPage());
}

/** Waits until a service worker controls the page (the app is then available offline). */
export async function waitForServiceWorker(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    async () => {
      if (!('serviceWorker' in navigator)) return false;
      const reg = await navigator.serviceWorker.getRegistration();
      return !!reg?.active && reg.active.state === 'activated';
    },
    undefined,
    { timeout: timeoutMs, polling: 200 },
  );
  // The first visit is not controlled until clients.claim() or a reload; reload once if needed.
  const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
  if (!controlled) {
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: timeoutMs, polling: 200 });
  }
}
