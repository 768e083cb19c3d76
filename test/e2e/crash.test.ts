import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newProfile } from './browser';
import { answerF2f, choose, isChosen, openHome, sealF2f, startF2f, storedDrafts } from './flows';
import { firstPage, watchPage, browserFixture } from './harness';

// A tablet's page dies mid-questionnaire (the renderer crashes, the battery runs flat): every
// answer given so far was written to the draft store, and the next visit offers to continue it.

describe('crash mid-questionnaire', () => {
  const fx = browserFixture('crash');

  it('offers the draft for resumption with the answers intact', async (t) => {
    fx.watch(t);
    const server = fx.server!;
    let ctx = await fx.profile.open();
    let page = await firstPage(ctx);
    watchPage(page, fx.log);
    await openHome(page, server.url);

    await startF2f(page, '执法二大队');
    await answerF2f(page, { group: '服务对象', ratings: { 信息公开: '较满意', 依法办事: '不满意', 办事效率: '不了解' } });
    // Every answer is written as it is given; wait until the last one is on disk, then crash.
    await expect
      .poll(async () => (await storedDrafts(page)).map((d) => (d.body.ratings as Record<string, string> | undefined)?.efficiency))
      .toEqual(['unknown']);

    const cdp = await ctx.newCDPSession(page);
    const crashed = new Promise<void>((ok) => page.once('crash', () => ok()));
    void cdp.send('Page.crash').catch(() => undefined); // never answered: the renderer dies first
    await crashed;
    await ctx.close();

    ctx = await fx.profile.open();
    page = await firstPage(ctx);
    watchPage(page, fx.log);
    await openHome(page, server.url);
    await expect.poll(() => page.getByTestId('draft-link').count()).toBe(1);
    await page.getByTestId('tile-f2f').click();
    await page.getByText('有未完成的问卷，继续填写？').waitFor();
    await page.getByRole('button', { name: '继续填写' }).click();

    expect(await isChosen(page, '评议主体', '服务对象')).toBe(true);
    expect(await isChosen(page, '信息公开', '较满意')).toBe(true);
    expect(await isChosen(page, '依法办事', '不满意')).toBe(true);
    expect(await isChosen(page, '办事效率', '不了解')).toBe(true);
    expect(await isChosen(page, '廉洁自律', '满意')).toBe(false);
    expect(await isChosen(page, '总体评价', '满意')).toBe(false);
    expect(await page.locator('.form-context').innerText()).toContain('执法二大队');

    // The resumed draft goes on being saved and can be finished.
    await choose(page, '廉洁自律', '满意');
    await expect.poll(async () => (await storedDrafts(page)).map((d) => (d.body.ratings as Record<string, string>).integrity)).toEqual(['very']);
  });

  it('says at once what was lost when the browser drops the records database', async (t) => {
    fx.watch(t);
    const server = fx.server!;
    const profile = newProfile();
    try {
      let ctx = await profile.open();
      let page = await firstPage(ctx);
      watchPage(page, fx.log);
      await openHome(page, server.url);
      await startF2f(page, '执法一大队');
      await answerF2f(page, { group: '群众代表', rest: '满意', overall: '满意' });
      await sealF2f(page, 0);
      await ctx.close();
      // What Chromium does with an origin's IndexedDB it cannot open: deletes it, and the next
      // start finds none. The origin's localStorage is stored elsewhere and stays.
      rmSync(join(profile.dir, 'Default', 'IndexedDB'), { recursive: true, force: true });

      ctx = await profile.open();
      page = await firstPage(ctx);
      watchPage(page, fx.log);
      await openHome(page, server.url);
      const alert = page.getByRole('alert').filter({ hasText: '本机的记录数据库被清除了' });
      await alert.waitFor();
      expect(await page.getByTestId('db-lost').innerText()).toBe(
        '本机曾封存 1 份记录，数据库中现在只有 0 份。服务器已确认收到的 0 份不受影响；其余 1 份没有发送，在本机已找不回。',
      );
      await alert.getByRole('button', { name: '我已知悉' }).click();
      await expect.poll(() => alert.count()).toBe(0);
      // Taken note of: the next start does not say it again.
      await page.reload();
      await page.getByTestId('tile-f2f').waitFor();
      expect(await page.getByText('本机的记录数据库被清除了').count()).toBe(0);
    } finally {
      await profile.dispose();
    }
  });
});
