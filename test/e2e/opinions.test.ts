import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN, DEMO_CAMPAIGN_PRIVATE_JWK } from '../../src/domain/demo-campaign';
import { encryptSecret } from '../../src/platform/hpke';
import { enrollStandIn, browserFixture } from './harness';
import { addStaff, signInConsole } from './flows';

// 意见梳理 in the console: a forum's opinions and a covert finding arrive from a tablet; the office
// unlocks the campaign key, sees the finding's description (and never its names or the collector),
// tags two opinions 属实 with a note, and the list and the counts say so after a reload.

describe('意见梳理 in the console', () => {
  const fx = browserFixture('opinions', async (server) => {
    await addStaff(server);
    const device = await enrollStandIn(server);
    const visit = device.unsealed('visit', {
      unitId: 'approval',
      mode: 'covert',
      visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
      categories: ['bribe'],
      severity: 'grave',
    });
    visit.sealed = await encryptSecret(DEMO_CAMPAIGN.encryptionKey!, visit.id, { description: '窗口索要好处费', names: ['被举报人乙'] });
    const records = await device.seal([
      device.unsealed('forum', {
        unitIds: ['brigade1'],
        title: '座谈会',
        heldAt: new Date(Date.now() - 7_200_000).toISOString(),
        place: '会议室',
        attendees: { public: 6 },
        opinions: [
          { dimensionId: 'efficiency', kind: 'complaint', text: '<img src=x onerror="window.__pwned=1">审批拖延' },
          { kind: 'praise', text: '执法文明' },
        ],
      }),
      visit,
    ]);
    const r = await device.send(await device.batch(records));
    expect(r.status).toBe(200);
  });

  it('lists, decrypts and tags opinions without naming anyone', async (t) => {
    const { ctx, page } = await fx.open(t);
    const server = fx.server!;
    await signInConsole(page, server.url);
    await page.getByRole('navigation').getByRole('link', { name: '意见梳理' }).click();

    const rows = page.locator('table.c-opinions tbody tr');
    await rows.first().waitFor({ timeout: 20_000 });
    expect(await rows.count()).toBe(3);
    expect(await page.getByTestId('opinion-counts').textContent()).toContain('执法一大队');
    // The opinion's markup is text, never markup.
    expect(await page.getByText('<img src=x onerror="window.__pwned=1">审批拖延').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.getByText('加密内容：解锁活动私钥后显示').count()).toBe(1);

    await page
      .getByLabel('私钥文件')
      .setInputFiles({ name: 'demo.pingyi-key', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(DEMO_CAMPAIGN_PRIVATE_JWK)) });
    await page.getByRole('button', { name: '解锁' }).click();
    await page.getByTestId('opinion-secret').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('opinion-secret').textContent()).toBe('窗口索要好处费');
    const text = (await page.locator('main.c-main').textContent()) ?? '';
    for (const who of ['被举报人乙', '张三', '会议室']) expect(text).not.toContain(who);

    // Tag the complaint and the finding 属实 with a note.
    await page.locator('tr', { hasText: '审批拖延' }).getByLabel('选择此条').check();
    await page.locator('tr', { hasText: '窗口索要好处费' }).getByLabel('选择此条').check();
    await page.getByRole('status').filter({ hasText: '已选 2 条' }).waitFor();
    const form = page.getByRole('form', { name: '甄别所选意见' });
    await form.getByLabel('属实', { exact: true }).check();
    await form.getByLabel('不属实', { exact: true }).check();
    await form.getByRole('button', { name: '保存甄别' }).click();
    expect(await form.getByRole('alert').textContent()).toContain('不能同时选择');
    await form.getByLabel('不属实', { exact: true }).uncheck();
    await form.getByLabel('处理意见').fill('转整改');
    await form.getByRole('button', { name: '保存甄别' }).click();
    await page.getByText('已保存 2 条的甄别。').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="opinion-tags"]')].filter((e) => e.textContent === '属实').length === 2);
    expect(await page.locator('tr', { hasText: '执法文明' }).getByTestId('opinion-tags').textContent()).toBe('未甄别');
    expect(await page.locator('tr', { hasText: '审批拖延' }).textContent()).toContain('转整改');

    // 生成整改事项 from the two: the item form opens filled from them (two units: the office chooses).
    await page.locator('tr', { hasText: '审批拖延' }).getByLabel('选择此条').check();
    await page.locator('tr', { hasText: '窗口索要好处费' }).getByLabel('选择此条').check();
    await page.getByRole('button', { name: '生成整改事项（已选 2 条）' }).click();
    const dialog = page.getByRole('dialog', { name: '新建整改项' });
    expect(await dialog.textContent()).toContain('所选意见涉及多个单位');
    expect(await dialog.getByRole('textbox', { name: '问题' }).inputValue()).toContain('审批拖延');
    expect((await dialog.getByRole('textbox', { name: /来源记录/ }).inputValue()).split('\n')).toHaveLength(2);
    await dialog.getByRole('combobox', { name: '被评单位' }).selectOption('approval');
    await dialog.getByLabel('整改期限').fill('2030-06-30');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已生成整改项，可在“整改”页查看。').waitFor({ timeout: 20_000 });
    const made: { items: { unitId: string; sources: string[]; deadline: string }[] } = await server.admin('GET', '/api/v1/admin/campaigns/demo/rectifications');
    expect(made.items.map((i) => [i.unitId, i.sources.length, i.deadline])).toEqual([['approval', 2, '2030-06-30']]);

    // The filter narrows to what is still to verify.
    await page.getByTestId('opinion-filters').locator('select').nth(3).selectOption('untagged');
    expect(await rows.count()).toBe(1);

    // The feedback pack of 执法一大队 with the verified opinions: its print view, as Chromium prints it.
    const panel = page.getByRole('group', { name: '反馈材料' });
    await panel.getByLabel('被评单位').selectOption('brigade1');
    const href = await panel.getByRole('link', { name: '打印版（A4）' }).getAttribute('href');
    const print = await ctx.newPage();
    await print.goto(server.url + href!);
    expect(await print.locator('h1').textContent()).toContain('评议结果反馈：执法一大队');
    const printed = (await print.locator('body').textContent()) ?? '';
    expect(printed).toContain('审批拖延');
    expect(printed).toContain('转整改');
    expect(printed).not.toContain('执法文明'); // not verified yet: left out
    const pdf = await print.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(1);
    await ctx.close();
  });
});
