import { describe, expect, it } from 'vitest';
import { answerF2f, choose, isChosen, openHome, startF2f, storedDrafts } from './flows';
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
});
