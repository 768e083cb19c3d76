import type { BrowserContext } from 'playwright-core';
import { figure, listen, openPage, pagesApp, percentile, type Figure } from './common';

/**
 * p95 of sealDraft with `stored` records already in the database: seeded once, then `runs` rounds
 * of `seals` seals each; the figure is over the rounds' p95s.
 */
export async function sealP95(ctx: BrowserContext, pagesDir: string, stored: number, seals: number, runs: number): Promise<Figure> {
  const server = await listen(pagesApp(pagesDir));
  const page = await openPage(ctx, `${server.url}/seal.html`, 'benchSeal');
  try {
    await page.evaluate((n) => (window as any).seedSealBench(n), stored);
    const p95s: number[] = [];
    for (let run = 0; run < runs; run++) {
      const times: number[] = await page.evaluate(([n, seed]) => (window as any).benchSeal(n, seed), [seals, run + 7] as const);
      p95s.push(percentile(times, 95));
    }
    const count: number = await page.evaluate(() => (window as any).dropSealBench());
    if (count !== stored + seals * runs) throw new Error(`expected ${stored + seals * runs} records after sealing, found ${count}`);
    return figure(p95s);
  } finally {
    await page.close();
    await server.close();
  }
}
