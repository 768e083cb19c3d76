import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { figure, ROOT, type Bench, type Figure } from './common';
import { seedRecords } from './list';
import { sealP95 } from './measure-seal';
import { spawnServer } from './server-process';

/** A cheap tablet: Chromium's CPU throttling (Emulation.setCPUThrottlingRate). */
export const SLOW_CPU_RATE = 4;

/**
 * A cold start of the installed app on a slow tablet with `stored` records: a fresh page, the CPU
 * throttled before navigation, from navigation start to the home screen's counts on screen (the
 * 面对面 count no longer '–', and a frame painted after it), on the page's clock.
 */
async function coldStartToCounts(ctx: BrowserContext, url: string): Promise<number> {
  const page: Page = await ctx.newPage();
  try {
    await page.addInitScript('globalThis.__name ??= (fn) => fn');
    await page.addInitScript(() => {
      const w = window as unknown as { __countsAt?: number };
      const obs = new MutationObserver(() => {
        const count = document.querySelector('[data-testid="count-f2f"]');
        if (w.__countsAt === undefined && count && count.textContent !== '–') {
          obs.disconnect();
          requestAnimationFrame(() => (w.__countsAt = performance.now()));
        }
      });
      obs.observe(document, { childList: true, subtree: true, characterData: true });
    });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_CPU_RATE });
    await page.goto(`${url}/#/`);
    const at = await page.waitForFunction(() => (window as unknown as { __countsAt?: number }).__countsAt, undefined, { timeout: 60_000, polling: 100 });
    return (await at.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

export interface SlowCpuBench extends Bench {
  ctx: BrowserContext;
  pagesDir: string;
}

/** slowCpuColdStartMs and slowCpuSealP95Ms: the built app and sealDraft with the CPU throttled 4×. */
export async function slowCpuFigures(b: SlowCpuBench): Promise<void> {
  await b.measure('slowCpuColdStartMs', `cold start to the home counts, ${b.sizes.stored} stored, CPU 4× slower`, 'ms', async (): Promise<Figure> => {
    // Its own server and origin: the tablet's database holds exactly the seeded records.
    const server = await spawnServer({ env: { PINGYI_STATIC_DIR: join(ROOT, 'dist') } });
    const page = await b.ctx.newPage();
    try {
      const seeded = await seedRecords(page, server.url, { count: b.sizes.stored });
      process.stdout.write(`(seeded ${seeded.count} in ${(seeded.ms / 1000).toFixed(1)} s) `);
      await page.close();
      await coldStartToCounts(b.ctx, server.url); // the service worker has installed; caches warm, as on a tablet in use
      const xs: number[] = [];
      for (let i = 0; i < b.sizes.runs; i++) xs.push(await coldStartToCounts(b.ctx, server.url));
      return figure(xs);
    } finally {
      if (!page.isClosed()) await page.close();
      await server.close();
    }
  });
  await b.measure('slowCpuSealP95Ms', `seal p95 with ${b.sizes.stored} stored, CPU 4× slower`, 'ms', () =>
    sealP95(b.ctx, b.pagesDir, b.sizes.stored, b.sizes.seals, b.sizes.runs, { cpuThrottle: SLOW_CPU_RATE }),
  );
}
