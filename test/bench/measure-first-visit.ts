import { gzipSync } from 'node:zlib';
import { newProfile } from '../e2e/browser';
import { repeat, type Figure } from './common';

export interface FirstVisit {
  /** Gzip KiB of the JavaScript the page itself loaded (the service worker's precache excluded). */
  kib: Figure;
  files: { url: string; bytes: number; gzip: number }[];
}

/**
 * Cold first load of '/' in a fresh Chromium profile: every JavaScript response the page itself
 * requested (entry, lazily imported home screen, their imports), each gzipped here from the bytes
 * received (level 6, what a reverse proxy would typically use), not from any header. The service
 * worker's own fetches (its precache of the other screens) are not part of the home screen's load.
 */
export async function firstVisitJs(appUrl: string, runs: number, homeReady: string): Promise<FirstVisit> {
  let files: FirstVisit['files'] = [];
  const kib = await repeat(runs, async () => {
    const profile = newProfile('pingyi-bench-cold-');
    try {
      const ctx = await profile.open();
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      const pending: Promise<void>[] = [];
      const seen: FirstVisit['files'] = [];
      page.on('response', (res) => {
        const req = res.request();
        const isJs = req.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(res.url()).pathname);
        if (!isJs || req.serviceWorker() || res.status() !== 200) return;
        pending.push(
          res.body().then((body) => {
            seen.push({ url: new URL(res.url()).pathname, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length });
          }),
        );
      });
      await page.goto(appUrl + '/', { waitUntil: 'load' });
      await page.waitForSelector(homeReady, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
      if (seen.length === 0) throw new Error('no JavaScript was loaded');
      files = seen.sort((a, b) => b.gzip - a.gzip);
      return seen.reduce((s, f) => s + f.gzip, 0) / 1024;
    } finally {
      await profile.dispose();
    }
  });
  return { kib, files };
}
