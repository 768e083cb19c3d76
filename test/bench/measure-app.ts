import type { TestServer } from '../e2e/harness';
import { firstPage, newProfile } from '../e2e/browser';
import { figure, type Bench, type Figure } from './common';
import { coldTimeToFirstRows, seedRecords, timeToFirstRows } from './list';
import { syncFigure } from './sync';

export interface AppBench extends Bench {
  server: TestServer;
}

/**
 * #/records with `stored` records on the tablet: seeded straight into the app's IndexedDB (C1's
 * list helper), then the in-app navigation home → #/records timed to the first row on screen, with
 * the screen's code already loaded, so the figure is the query and the rendering. A cold load of
 * /#/records (app start included) is printed beside it.
 */
async function listFirstRows(b: AppBench): Promise<Figure> {
  const profile = newProfile('pingyi-bench-list-');
  try {
    const page = await firstPage(await profile.open());
    const seeded = await seedRecords(page, b.server.url, { count: b.sizes.stored });
    process.stdout.write(`(seeded ${seeded.count} in ${(seeded.ms / 1000).toFixed(1)} s) `);
    const xs: number[] = [];
    for (let i = 0; i < b.sizes.runs; i++) xs.push(await timeToFirstRows(page, { warm: true }));
    const cold: number[] = [];
    for (let i = 0; i < b.sizes.runs; i++) {
      const fresh = await page.context().newPage();
      cold.push(await coldTimeToFirstRows(fresh, b.server.url));
      await fresh.close();
    }
    const c = figure(cold);
    b.note(`#/records with ${b.sizes.stored} records, cold load of /#/records (app start included): median ${c.median.toFixed(0)} ms, min ${c.min.toFixed(0)}, max ${c.max.toFixed(0)}`);
    return figure(xs);
  } finally {
    await profile.dispose();
  }
}

/** Sync of `sync` sealed records to verified receipts (C3's helper), in its own profile. */
async function sync(b: AppBench): Promise<Figure> {
  const profile = newProfile('pingyi-bench-sync-');
  try {
    const ctx = await profile.open();
    return await syncFigure(ctx, b.server, b.sizes.sync, b.sizes.runs);
  } finally {
    await profile.dispose();
  }
}

/** Figures of the built app in Chromium against the real server: the record list and sync. */
export async function appFigures(b: AppBench): Promise<void> {
  await b.measure('listFirstRowsMs', `#/records first rows with ${b.sizes.stored} records`, 'ms', () => listFirstRows(b));
  await b.measure('sync10kMs', `sync ${b.sizes.sync} sealed records to verified receipts`, 'ms', () => sync(b));
}
