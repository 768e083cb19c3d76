import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/domain/ids';
import { shanghaiDay } from '../../src/domain/review';
import type { LoggedOfficeAction, RectList } from '../../src/protocol/office-api';
import { H } from '../server/device';
import { axeViolations, describeViolations } from './axe';
import { enrollStandIn, browserFixture } from './harness';
import { addStaff, signInConsole } from './flows';

// A unit account (被评单位) in the console: the office opens 执法一大队's account; the unit signs in, sees its own item and its feedback
// pack (the complaint the office verified, never who made or noted it, nor the item's source
// records), and never 执法二大队's item; it answers with a plan and a progress note with a PDF.
// The office then sees both answers and the file on its 整改 page, changes the item in the 修改
// dialog (logged as an office action), closes it in a dialog and publishes the closed items.

const PASSWORD = 'correct horse battery';
const OFFICE = { username: 'wang.li', password: PASSWORD };
const UNIT = { username: 'brigade1.unit', password: PASSWORD };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await axeViolations(page))).toEqual([]);
}

describe('a unit account in the console', () => {
  let stallHash = '';
  const fx = browserFixture('unit-console', async (server) => {
    await addStaff(server, { ...OFFICE, role: 'office-admin', displayName: '王丽' });
    const device = await enrollStandIn(server);
    const records = await device.seal([
      device.f2f({ unitId: 'brigade1' }),
      device.unsealed('stall', {
        place: '人民广场',
        unitIds: ['brigade1'],
        openedAt: isoTime(Date.now() - 3_600_000),
        closedAt: isoTime(Date.now() - 600_000),
        visitors: 3,
        complaints: [{ unitId: 'brigade1', category: 'attitude', text: '执法人员态度粗暴' }],
      }),
    ]);
    expect((await device.send(await device.batch(records))).status).toBe(200);
    stallHash = await H(records[1]!);
    await server.admin('POST', '/api/v1/admin/campaigns/demo/opinions/tags', { refs: [`${stallHash}/0`], tags: ['substantiated'], note: '限期整改' });
    const deadline = shanghaiDay(Date.now() + 10 * 86_400_000);
    const base = '/api/v1/admin/campaigns/demo/rectifications';
    await server.admin('POST', base, { unitId: 'brigade1', problem: '执法态度粗暴', sources: [stallHash], measures: '文明执法培训', deadline });
    await server.admin('POST', base, { unitId: 'brigade2', problem: '二大队车辆乱停', sources: [], deadline });
  });

  it('sees only its own unit, answers with a plan and evidence, and the office sees and closes', async (t) => {
    const { page } = await fx.open(t);
    const server = fx.server!;

    // The office opens 执法一大队's account on its 整改 page.
    await signInConsole(page, server.url, OFFICE);
    await page.getByRole('navigation').getByRole('link', { name: '整改' }).click();
    await page.getByTestId('unit-accounts').locator('summary').click();
    const accounts = page.getByRole('form', { name: '单位账号' });
    await accounts.getByLabel('被评单位').selectOption('brigade1');
    await accounts.getByLabel('用户名').fill(UNIT.username);
    await accounts.getByLabel('初始密码（至少 10 个字符）').fill(UNIT.password);
    await accounts.getByRole('button', { name: '开设账号' }).click();
    await page.getByText(`已为 执法一大队 开设账号 ${UNIT.username}。`).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInConsole(page, server.url, UNIT);

    const item = page.getByTestId('rect-item');
    await item.first().waitFor({ timeout: 20_000 });
    await page.getByTestId('unit-feedback-opinions').getByText('执法人员态度粗暴').waitFor();
    expect(await item.count()).toBe(1);
    const main = (await page.locator('main.c-main').textContent()) ?? '';
    expect(main).toContain('执法态度粗暴');
    expect(main).toContain('限期整改');
    for (const hidden of ['二大队车辆乱停', '张三', '人民广场', stallHash.slice(0, 8)]) expect(main).not.toContain(hidden);
    expect(await page.getByRole('navigation').count()).toBe(0); // none of the office's pages
    await expectAccessible(page, 'unit console');

    // A plan, then progress with a PDF as evidence.
    const form = page.getByRole('form', { name: '答复' });
    await form.getByLabel('说明').fill('本周内组织全员文明执法培训');
    await form.getByRole('button', { name: '提交答复' }).click();
    await page.getByTestId('rect-answers').getByText('本周内组织全员文明执法培训').waitFor();
    await form.getByLabel('答复类型').selectOption('progress');
    await form.getByLabel('说明').fill('培训已完成，签到表附后');
    await form.getByLabel('附件（照片或 PDF）').setInputFiles({ name: '签到表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: '提交答复' }).click();
    await page.getByTestId('rect-answers').getByText('签到表.pdf').waitFor();
    expect(await item.getAttribute('data-status')).toBe('answered');

    // The office sees both answers with who and when, and downloads the file as it was sent.
    const listed = await server.admin<RectList>('GET', '/api/v1/admin/campaigns/demo/rectifications?unitId=brigade1');
    expect(listed.items[0]!.answers.map((a) => [a.kind, a.actor, a.evidence?.length ?? 0])).toEqual([
      ['plan', UNIT.username, 0],
      ['progress', UNIT.username, 1],
    ]);
    await page.getByRole('button', { name: '退出登录' }).click();
    await signInConsole(page, server.url, OFFICE);
    await page.getByRole('navigation').getByRole('link', { name: '整改' }).click();
    const card = page.getByTestId('rect-item').filter({ hasText: '执法态度粗暴' });
    await card.getByText('培训已完成，签到表附后').waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('rect-answers').textContent()).toContain('本周内组织全员文明执法培训');
    const href = await card.getByRole('link', { name: '签到表.pdf' }).getAttribute('href');
    const file = await page.request.get(new URL(href!, server.url).href);
    expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
    await expectAccessible(page, '整改');

    // 修改 in a dialog: the form holds the item as it is; what changes is saved and logged.
    await card.getByRole('button', { name: '修改整改项：执法态度粗暴' }).click();
    const edit = page.getByRole('dialog', { name: '修改整改项' });
    expect(await edit.getByLabel('整改措施').inputValue()).toBe('文明执法培训');
    await edit.getByLabel('责任人').fill('李队长');
    await edit.getByLabel('整改措施').fill('文明执法培训，每月回访');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存对整改项的修改。').waitFor();
    expect(await edit.count()).toBe(0);
    await card.getByText('文明执法培训，每月回访').waitFor();
    const changed = await server.admin<RectList>('GET', '/api/v1/admin/campaigns/demo/rectifications?unitId=brigade1');
    expect(changed.items[0]).toMatchObject({ responsible: '李队长', measures: '文明执法培训，每月回访', status: 'answered' });
    const { actions } = await server.admin<{ actions: LoggedOfficeAction[] }>('GET', '/api/v1/admin/office-actions?limit=1000');
    const logged = actions.filter((a) => a.action.action === 'rectification-changed');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.action).toMatchObject({ actor: OFFICE.username, data: { change: { responsible: '李队长', measures: '文明执法培训，每月回访' } } });

    // Closing asks for the reason in the page, not in a browser prompt.
    await card.getByRole('button', { name: '关闭' }).click();
    const dialog = page.getByRole('dialog', { name: '关闭整改项' });
    expect(await dialog.textContent()).toContain('执法态度粗暴');
    await expectAccessible(page, '整改: close dialog');
    await dialog.getByRole('button', { name: '确认关闭' }).click();
    expect(await dialog.getByRole('alert').textContent()).toContain('请填写关闭理由');
    await dialog.getByLabel('关闭理由').fill('培训完成，回访群众满意');
    await dialog.getByRole('button', { name: '确认关闭' }).click();
    await page.getByText('已关闭整改项。').waitFor();
    expect(await dialog.count()).toBe(0);
    await expect.poll(() => card.getAttribute('data-status')).toBe('closed');
    const closed = await server.admin<RectList>('GET', '/api/v1/admin/campaigns/demo/rectifications?unitId=brigade1');
    expect(closed.items[0]).toMatchObject({ status: 'closed', closeReason: '培训完成，回访群众满意', closedBy: OFFICE.username });

    // The closed item goes on the public page (公示), without the unit's answers or who gave them.
    await page.getByRole('button', { name: '公示已关闭的整改项' }).click();
    await page.getByText('已公示 1 项已关闭的整改项。').waitFor();
    const publicHref = await page.getByRole('link', { name: '查看公示页面' }).getAttribute('href');
    const publicPage = await (await page.request.get(new URL(publicHref!, server.url).href)).text();
    expect(publicPage).toContain('培训完成，回访群众满意');
    for (const hidden of ['本周内组织全员文明执法培训', UNIT.username, '张三']) expect(publicPage).not.toContain(hidden);
  });
});
