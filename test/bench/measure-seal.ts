import type { BrowserContext } from 'playwright-core';
import { figure, listen, openPage, pagesApp, percentile, type Figure } from './common';

/**
 * p95 of sealDraft with `stored` records already in the database: seeded once, then `runs` rounds
 * of `seals` seals each; the figure is over the rounds' p95s. With `cpuThrottle`, Chromium runs the
 * page's CPU that many times slower while sealing (a cheap tablet).
 */
export async function sealP95(
  ctx: BrowserContext,
  pagesDir: string,
  stored: number,
  seals: number,
  runs: number,
  o: { cpuThrottle?: number } = {},
): Promise<Figure> {
  const server = await listen(pagesApp(pagesDir));
  const page = await openPage(ctx, `${server.url}/seal.html`, 'benchSeal');
  try {
    await page.evaluate((n) => (window as any).seedSealBench(n), stored);
    // A slow tablet: the seeding above is set-up and runs at full speed; only the seals are throttled.
    if (o.cpuThrottle) await (await ctx.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: o.cpuThrottle });
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
