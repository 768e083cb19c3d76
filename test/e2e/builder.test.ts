import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { openCampaignKeyFile } from '../../src/protocol/keyfile';
import { axeViolations, describeViolations } from './axe';
import { addStaff, go, openHome, signInConsole } from './flows';
import { firstPage, waitForServiceWorker, watchPage, browserFixture } from './harness';

// An office user builds a campaign in the console from the seed-004 template (four levels
// 90/80/70/50, 70 + 30): edits a unit and a dimension, puts a yes/no question under it, makes the
// campaign key in the browser, previews the questionnaire and saves version 1. A tablet enrolled
// with it shows the edited campaign; the office then adds a unit in the editor, and at its next
// sync the tablet says 活动已更新 and offers the new unit.

const PASSPHRASE = 'long enough passphrase 2027';

describe('the campaign builder in the console', () => {
  const fx = browserFixture('builder', async (server) => {
    await addStaff(server);
  });

  it('builds a campaign from the seed-004 template, previews and saves it, and a tablet follows it', async (t) => {
    fx.watch(t);
    const server = fx.server!;
    const ctx = await fx.profile.open();
    const office = await firstPage(ctx);
    watchPage(office, fx.log);
    await signInConsole(office, server.url);
    await office.getByRole('navigation').getByRole('link', { name: '活动设置' }).click();

    // 新建活动 from the seed-004 template, filled in with the editor.
    await office.getByTestId('new-template').selectOption('seed-004');
    await office.getByTestId('new-id').fill('labour2027');
    await office.getByTestId('new-name').fill('2027 年劳动保障系统民主评议');
    await office.getByTestId('new-year').fill('2027');
    await office.getByTestId('new-edit').click();
    const editor = office.getByTestId('campaign-editor');
    await editor.waitFor();
    expect(await editor.getByTestId('ed-scale-0-score').inputValue()).toBe('90');
    expect(await editor.getByTestId('ed-max-total').textContent()).toBe('满分合计：100 分');

    // A mistake is named next to its field as it is typed, and the save waits for it.
    await editor.getByTestId('ed-units-0-name').fill('');
    expect(await problemOf(office, 'ed-units-0-name')).toBe('必填。');
    expect(await editor.getByTestId('save-campaign').count()).toBe(0);
    await editor.getByTestId('ed-units-0-name').fill('局办公室（政务窗口）');
    await editor.getByTestId('ed-dimensions-0-label').fill('政务公开');
    await editor.getByTestId('ed-dimensions-0-hint').fill('办事指南、收费标准在窗口和网上公开');
    await editor.getByTestId('ed-dimensions-0-checks-add').click();
    await editor.getByTestId('ed-dimensions-0-checks-0-label').fill('是否看到公开的收费标准');

    // The campaign key: made in the browser, downloaded under the passphrase, only its public half kept.
    await editor.getByTestId('ed-key-pass').fill(PASSPHRASE);
    await editor.getByTestId('ed-key-pass2').fill(PASSPHRASE);
    const [download] = await Promise.all([office.waitForEvent('download'), editor.getByTestId('ed-key-generate').click()]);
    await editor.getByTestId('ed-key-done').waitFor({ timeout: 30_000 });
    const keyFile = readFileSync((await download.path())!, 'utf8');
    const opened = await openCampaignKeyFile(keyFile, PASSPHRASE);
    expect(opened.campaignId).toBe('labour2027');

    // The preview draws the tablet's questionnaire: the edited dimension, its question right below it.
    await editor.getByTestId('preview-toggle').click();
    const preview = editor.getByTestId('questionnaire-preview');
    const dim = preview.getByRole('region', { name: '政务公开', exact: true });
    await dim.waitFor();
    expect(await dim.getByRole('radio').allTextContents()).toEqual(['优秀', '满意', '基本满意', '不满意']);
    expect(await preview.getByRole('region', { name: '政务公开：是否遇到以下情况' }).textContent()).toContain('是否看到公开的收费标准');

    // axe-core on the editor with the preview open, and with a problem shown next to its field.
    const problems = describeViolations('editor with preview', await axeViolations(office));
    await editor.getByTestId('ed-year').fill('20x7');
    problems.push(...describeViolations('editor with a problem', await axeViolations(office)));
    await editor.getByTestId('ed-year').fill('2027');
    expect(problems).toEqual([]);

    await editor.getByTestId('save-campaign').click();
    await office.getByText('已创建活动“2027 年劳动保障系统民主评议”（第 1 版）。', { exact: false }).waitFor({ timeout: 20_000 });

    const saved = await server.admin<Campaign>('GET', '/api/v1/admin/campaigns/labour2027');
    expect(saved.version).toBe(1);
    expect(saved.scale.map((l) => l.score)).toEqual([90, 80, 70, 50]);
    expect(saved.scoring.components.map((k) => k.max)).toEqual([70, 30]);
    expect(saved.units[0]!.name).toBe('局办公室（政务窗口）');
    expect(saved.dimensions[0]).toMatchObject({ label: '政务公开', hint: '办事指南、收费标准在窗口和网上公开' });
    expect(saved.checks!.find((c) => c.label === '是否看到公开的收费标准')).toMatchObject({ dimension: saved.dimensions[0]!.id });
    expect(saved.encryptionKey).toEqual({ kty: 'EC', crv: 'P-256', x: opened.privateJwk.x, y: opened.privateJwk.y });
    expect(JSON.stringify(saved)).not.toContain(opened.privateJwk.d);

    // A tablet enrolled with the new campaign shows it as built.
    const tablet = await ctx.newPage();
    watchPage(tablet, fx.log);
    await openHome(tablet, server.url);
    await waitForServiceWorker(tablet);
    const { code } = await server.admin<{ code: string }>('POST', '/api/v1/admin/enrollment-codes', {
      campaignId: 'labour2027',
      role: 'representative',
      collector: 'rep-li',
    });
    await go(tablet, '#/enroll');
    await tablet.getByTestId('enroll-code').fill(code);
    await tablet.getByTestId('enroll-submit').click();
    await tablet.getByTestId('enroll-done').waitFor({ timeout: 20_000 });
    await openHome(tablet);
    await tablet.getByTestId('tile-f2f').click();
    await tablet.getByRole('radio', { name: '局办公室（政务窗口）', exact: true }).click();
    await tablet.getByRole('button', { name: '开始评议' }).click();
    await tablet.getByRole('region', { name: '政务公开：是否遇到以下情况' }).waitFor({ timeout: 10_000 });

    // The office adds a unit with the editor (the campaign chosen in the header after a reload).
    await office.reload();
    await office.getByLabel('评议活动').selectOption('labour2027');
    await office.getByRole('navigation').getByRole('link', { name: '活动设置' }).click();
    await office.getByTestId('open-editor').click();
    await office.getByTestId('ed-add-unit').click();
    const units = office.getByTestId('ed-units');
    const last = (await units.locator('[data-testid$="-name"]').count()) - 1;
    await office.getByTestId(`ed-units-${last}-name`).fill('社会保险经办中心');
    expect(await office.getByTestId('editor-changes').textContent()).toContain('新增被评单位：社会保险经办中心');
    await office.getByTestId('save-campaign').click();
    await office.getByTestId('editor-saved').waitFor({ timeout: 20_000 });
    expect(await office.getByTestId('editor-saved').textContent()).toBe('已保存为第 2 版。');

    // The tablet takes version 2 at its next sync.
    await go(tablet, '#/sync');
    await tablet.getByTestId('sync-button').click();
    const notice = tablet.getByTestId('campaign-update');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain('新增被评单位：社会保险经办中心');
  });
});

/** The problem shown next to a field (what its input names with aria-describedby). */
async function problemOf(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).evaluate((el) => {
    const id = el.getAttribute('aria-describedby');
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });
}
