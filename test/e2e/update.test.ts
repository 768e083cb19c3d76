import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerF2f, isChosen, openHome, sealF2f, startF2f, storedRecords } from './flows';
import { DIST, firstPage, newProfile, onFailure, startServer, waitForServiceWorker, watchPage, type Profile, type TestServer } from './harness';

// A new version of the app reaches a tablet while a questionnaire is half filled. Building the app
// twice would be slow; a changed service-worker script is what makes a browser install a new
// version, so the test serves a copy of dist/ and changes its sw.js in place.

describe('service-worker update', () => {
  let server: TestServer;
  let profile: Profile;
  let appDir: string;
  const log: string[] = [];

  beforeAll(async () => {
    appDir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-dist-'));
    cpSync(DIST, appDir, { recursive: true });
    server = await startServer({ staticDir: appDir });
    profile = newProfile();
  });
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
    if (appDir) rmSync(appDir, { recursive: true, force: true });
  });

  it('never reloads a form holding answers; updates once the form is sealed', async (t) => {
    onFailure(t, 'update', () => profile, log);
    const ctx = await profile.open();
    const page = await firstPage(ctx);
    watchPage(page, log);
    await openHome(page, server.url);
    await waitForServiceWorker(page);
    const oldWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    await startF2f(page, '行政审批窗口');
    await answerF2f(page, { group: '群众代表', ratings: { 信息公开: '满意', 依法办事: '一般' } });
    // A page that reloads loses this mark.
    await page.evaluate(() => ((window as unknown as { mark: string }).mark = 'same page'));

    appendFileSync(join(appDir, 'sw.js'), `\n// new version ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.getByText('新版本可用').waitFor({ timeout: 20_000 });

    // Every message the page posts to a service worker is noted: a takeover starts with one (SKIP_WAITING).
    await page.evaluate(() => {
      const posted: unknown[] = ((window as unknown as { posted: unknown[] }).posted = []);
      const post = ServiceWorker.prototype.postMessage;
      ServiceWorker.prototype.postMessage = function (this: ServiceWorker, ...args: Parameters<ServiceWorker['postMessage']>) {
        posted.push(args[0]);
        return post.apply(this, args);
      } as ServiceWorker['postMessage'];
    });
    await page.getByRole('button', { name: '立即更新' }).click();
    await page.getByText('正在填写的表单还没有完成').waitFor();
    // No takeover was asked for, and the new version still waits.
    expect(await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted)).toEqual([]);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');
    expect(await page.evaluate(() => (window as unknown as { mark?: string }).mark)).toBe('same page');
    expect(await isChosen(page, '依法办事', '一般')).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(oldWorker);

    // Finish the questionnaire: the form is clean again and the update may go ahead.
    await answerF2f(page, { group: '群众代表', rest: '较满意', overall: '满意' });
    await sealF2f(page, 0);
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await page.getByRole('button', { name: '立即更新' }).click();
    await reloaded;
    // The new worker takes over while the page reloads: with both cores busy with other test files
    // this took more than the default 15 s once (the form's screen still loading); a page that
    // never comes back still fails.
    await page
      .getByTestId('tile-f2f')
      .or(page.getByRole('radiogroup', { name: '评议主体' }))
      .first()
      .waitFor({ timeout: 45_000 });
    expect(await page.evaluate(() => (window as unknown as { mark?: string }).mark)).toBeUndefined();
    const reg = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: !!r?.waiting, controlled: !!navigator.serviceWorker.controller };
    });
    expect(reg).toEqual({ waiting: false, controlled: true });
    expect((await storedRecords(page)).length).toBe(1);
  });
});
