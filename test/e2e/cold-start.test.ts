import { describe, expect, it } from 'vitest';
import { openHome } from './flows';
import { firstPage, waitForServiceWorker, watchPage, browserFixture } from './harness';

// What a start of the installed app waits on: the screen's own module is fetched while the
// databases open, not after (src/main.tsx preloads it; a slow tablet would otherwise pay for the
// two one after the other).

describe('cold start of the installed app', () => {
  const fx = browserFixture('cold-start');

  for (const [hash, chunk, ready] of [
    ['#/', 'HomeScreen-', '[data-testid="count-f2f"]'],
    ['#/records', 'RecordsScreen-', '.screen h1'],
  ] as const) {
    it(`asks for the ${chunk.slice(0, -1)} module before storage has opened (${hash})`, async (t) => {
      fx.watch(t);
      const server = fx.server!;
      const ctx = await fx.profile.open();
      const first = await firstPage(ctx);
      watchPage(first, fx.log);
      await openHome(first, server.url);
      await waitForServiceWorker(first);

      const page = await ctx.newPage();
      watchPage(page, fx.log);
      // When the shell first shows: the App renders it once storage has opened and the session is read.
      await page.addInitScript(() => {
        const w = window as unknown as { __shellAt?: number };
        const obs = new MutationObserver(() => {
          if (w.__shellAt === undefined && document.querySelector('.app')) {
            w.__shellAt = performance.now();
            obs.disconnect();
          }
        });
        obs.observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${server.url}/${hash}`);
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      const { shellAt, fetchStart } = await page.evaluate((name) => {
        const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.includes(`/assets/${name}`));
        return { shellAt: (window as unknown as { __shellAt?: number }).__shellAt, fetchStart: entry?.fetchStart };
      }, chunk);
      expect(shellAt).toBeTypeOf('number');
      expect(fetchStart).toBeTypeOf('number');
      expect(fetchStart!).toBeLessThan(shellAt!);
      await page.close();
      await first.close();
    });
  }
});
