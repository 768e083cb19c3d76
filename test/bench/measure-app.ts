import type { BrowserContext } from 'playwright-core';
import { join } from 'node:path';
import type { TestServer } from '../e2e/harness';
import { figure, ROOT, type Bench, type Figure } from './common';
import { spawnServer } from './server-process';
import { coldTimeToFirstRows, seedRecords, timeToFirstRows } from './list';
import { syncFigure } from './sync';
import { durableFigures, type DurableFigures } from './measure-durable';

export interface AppBench extends Bench {
  server: TestServer;
  /** The bench's Chromium context, shared with the peers (each server is its own origin). */
  ctx: BrowserContext;
}

/**
 * #/records with `stored` records on the tablet: seeded straight into the app's IndexedDB (C1's
 * list helper), then the in-app navigation home → #/records timed to the first row on screen, with
 * the screen's code already loaded, so the figure is the query and the rendering. A cold load of
 * /#/records (app start included) is noted beside it.
 */
async function listFirstRows(b: AppBench): Promise<Figure> {
  const page = await b.ctx.newPage();
  try {
    const seeded = await seedRecords(page, b.server.url, { count: b.sizes.stored });
    process.stdout.write(`(seeded ${seeded.count} in ${(seeded.ms / 1000).toFixed(1)} s) `);
    const xs: number[] = [];
    for (let i = 0; i < b.sizes.runs; i++) xs.push(await timeToFirstRows(page, { warm: true }));
    const cold: number[] = [];
    for (let i = 0; i < b.sizes.runs; i++) {
      const fresh = await b.ctx.newPage();
      cold.push(await coldTimeToFirstRows(fresh, b.server.url));
      await fresh.close();
    }
    const c = figure(cold);
    b.note(
      `#/records with ${b.sizes.stored} records, cold load of /#/records (app start included): median ${c.median.toFixed(0)} ms, min ${c.min.toFixed(0)}, max ${c.max.toFixed(0)}`,
    );
    return figure(xs);
  } finally {
    await page.close();
  }
}

/**
 * Sync of `sync` sealed records to verified receipts. Its own server, in its own process as in
 * production (and its own origin, so its own IndexedDB in the same browser: the enrolled tablet
 * does not meet the list's records).
 */
async function sync(b: AppBench): Promise<Figure> {
  const server = await spawnServer({ env: { PINGYI_STATIC_DIR: join(ROOT, 'dist') } });
  try {
    return await syncFigure(b.ctx, server, b.sizes.sync, b.sizes.runs);
  } finally {
    await server.close();
  }
}

/** Figures of the built app in Chromium against the real server: the record list and sync. */
export async function appFigures(b: AppBench): Promise<void> {
  await b.measure('listFirstRowsMs', `#/records first rows with ${b.sizes.stored} records`, 'ms', () => listFirstRows(b));
  await b.measure('sync10kMs', `sync ${b.sizes.sync} sealed records to verified receipts`, 'ms', () => sync(b));
  // One pass gives both durability figures: each key asked for alone (--only=) still runs it once.
  let durable: Promise<DurableFigures> | undefined;
  const once = () => (durable ??= durableFigures(b.ctx, b.sizes.today, b.sizes.durable, b.sizes.runs));
  await b.measure('answerDurableP95Ms', `answer tap → readable after a kill, p95, ${b.sizes.today} records today`, 'ms', async () => (await once()).answer);
  await b.measure('sealDurableP95Ms', `seal tap → readable after a kill, p95, ${b.sizes.today} records today`, 'ms', async () => (await once()).seal);
}
