import type { BrowserContext } from 'playwright-core';
import { listen, openPage, pagesApp, repeat, type Figure } from './common';

/** The raw floor: Dexie bulkPut of n tablet-shaped records in Chromium (no Pingyi code timed). */
export async function dexieBulkPut(ctx: BrowserContext, pagesDir: string, n: number, runs: number): Promise<Figure> {
  const server = await listen(pagesApp(pagesDir));
  const page = await openPage(ctx, `${server.url}/dexie-floor.html`, 'benchDexieBulkPut');
  try {
    return await repeat(runs, (run) => page.evaluate(([r, count]) => (window as any).benchDexieBulkPut(r, count), [run, n] as const));
  } finally {
    await page.close();
    await server.close();
  }
}
