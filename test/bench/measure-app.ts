import type { BrowserContext } from 'playwright-core';
import type { Profile } from '../e2e/browser';
import type { TestServer } from '../e2e/harness';
import type { Bench } from './common';

export interface AppBench extends Bench {
  server: TestServer;
  ctx: BrowserContext;
  profile: Profile;
}

/** Figures of the built app in Chromium against the real server: the record list and sync. */
export async function appFigures(b: AppBench): Promise<void> {
  await b.measure('listFirstRowsMs', `#/records first rows with ${b.sizes.stored} records`, 'ms', async () =>
    b.gap('listFirstRowsMs', 'the records screen is not built yet'),
  );
  await b.measure('sync10kMs', `sync ${b.sizes.sync} sealed records to verified receipts`, 'ms', async () =>
    b.gap('sync10kMs', 'the sync module is not wired yet'),
  );
}
