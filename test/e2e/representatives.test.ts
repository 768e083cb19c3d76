import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawPicks } from '../../src/domain/draw';
import { addStaff, answerF2f, go, OFFICE_ADMIN, openHome, sealF2f, signInConsole, startF2f } from './flows';
import { firstPage, newProfile, onFailure, serverRecords, startServer, until, watchPage, type Profile, type TestServer } from './harness';

// The representatives' year in one run: the office imports its roster from Excel, draws two 群众代表
// with the seed the console shows, appoints them and issues a tablet code to one; that tablet
// collects and the 进度 page moves; the person is disqualified, the tablet is refused at its next
// sync, 审核 excludes their questionnaire, and a coordinator on a phone-sized screen sees the unit behind.

const ROSTER: [string, string, string, string, string, string][] = [
  ['p-01', '张伟', '群众代表', '社区', '城关社区', '已审定'],
  ['p-02', '王芳', '群众代表', '人大代表', '区人大', '已审定'],
  ['p-03', '李娜', '群众代表', '企业', '工商联', '已审定'],
  ['p-04', '刘洋', '群众代表', '政协委员', '区政协', '候选'],
  ['e-01', '陈静', '专家代表', '特邀监察员', '区纪委', '已审定'],
  ['e-02', '杨帆', '专家代表', '党代表', '区委组织部', '已审定'],
];

describe('代表库, 随机抽取, 进度 in the console', () => {
  let server: TestServer;
  let profile: Profile;
  let dir: string;
  const log: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    profile = newProfile();
    dir = mkdtempSync(join(tmpdir(), 'pingyi-roster-'));
    await addStaff(server);
    await addStaff(server, { username: 'zhao.qiang', role: 'coordinator', displayName: '赵强', password: OFFICE_ADMIN.password });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('代表库');
    ws.addRow(['编号', '姓名', '评议主体', '来源', '推荐单位', '状态', '原因/说明', '联系单位', '联系方式']);
    for (const [id, name, group, source, by, status] of ROSTER) ws.addRow([id, name, group, source, by, status, null, '执法一大队', `1380000${id.slice(-2)}`]);
    writeFileSync(join(dir, 'roster.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
  });
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  const signIn = (page: Page, username: string) => signInConsole(page, server.url, { username, password: OFFICE_ADMIN.password });
  const figures = (page: Page, unit: string, group: string) => page.getByTestId(`figures-${unit}-${group}`).innerText();

  it('imports a roster, draws, enrolls a drawn person, follows progress, disqualifies and the tablet is refused', async (t) => {
    onFailure(t, 'representatives', () => profile, log);
    const ctx = await profile.open();
    const consolePage = await firstPage(ctx);
    watchPage(consolePage, log);
    await signIn(consolePage, 'wang.li');

    // 1. 代表库: import the workbook; the contacts are sealed in the browser before they are sent.
    await nav(consolePage, '代表库');
    await consolePage.getByTestId('roster-import').setInputFiles(join(dir, 'roster.xlsx'));
    expect(await consolePage.getByTestId('roster-preview').innerText()).toContain('导入后：共 6 人，新增或变更 6 人，移除 0 人。');
    await consolePage.getByTestId('roster-import-save').click();
    await consolePage.getByTestId('roster-saved').waitFor();
    await expect.poll(() => consolePage.locator('[data-testid="roster-table"] tbody tr').count()).toBe(6);
    const stored = await server.admin<{ people: { id: string; status: string; group: string; contact?: unknown; units?: string[] }[] }>(
      'GET',
      '/api/v1/admin/campaigns/demo/roster',
    );
    expect(stored.people.map((p) => [p.id, p.group, p.status, p.units])).toEqual(
      ROSTER.map(([id, , g, , , s]) => [id, g === '群众代表' ? 'public' : 'expert', s === '候选' ? 'candidate' : 'approved', ['brigade1']]),
    );
    expect(JSON.stringify(stored)).not.toContain('138000');
    expect(stored.people.every((p) => typeof p.contact === 'object')).toBe(true);

    // 2. 随机抽取: the seed (the checkpoint's root) is there before the draw; the picks follow the rule.
    await nav(consolePage, '随机抽取');
    const seedBox = consolePage.getByRole('textbox', { name: '种子' });
    await until(
      'the seed is offered',
      () => seedBox.inputValue(),
      (v) => /^[0-9a-f]{64}$/.test(v),
    );
    const seed = await seedBox.inputValue();
    const checkpoint = await server.admin<{ logRoot: string }>('GET', '/api/v1/log/checkpoint');
    expect(seed).toBe(checkpoint.logRoot);
    await consolePage.getByRole('spinbutton', { name: /群众代表/ }).fill('2');
    await consolePage.getByRole('button', { name: '按以上种子抽取' }).click();
    await consolePage.getByTestId('draw-confirm').click();
    const result = consolePage.getByTestId('draw-result');
    await result.waitFor();
    const expected = drawPicks(
      stored.people.map((p) => ({ id: p.id, group: p.group, status: p.status as 'approved' })),
      seed,
      { public: 2 },
    ).public!;
    expect(expected).toHaveLength(2);
    expect(await result.getByTestId('draw-seed').innerText()).toBe(seed);
    const rows = await result.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').slice(0, 2).join(' '))).toEqual(expected.map((id, i) => `${i + 1} ${id}`));
    await result.getByTestId('appoint-picked').click();
    await result.getByText('已将 2 人设为“已聘请”。').waitFor();
    const drawn = expected[0]!;

    // 3. A tablet code for a drawn person, from their row in 代表库; the tablet enrolls with it.
    await nav(consolePage, '代表库');
    const row = consolePage.locator(`tr[data-person="${drawn}"]`);
    await expect.poll(() => row.innerText()).toContain('已聘请');
    await row.getByRole('button', { name: '发放登记码' }).click();
    await consolePage.getByRole('button', { name: '生成登记码' }).click();
    const code = (await consolePage.getByTestId('enroll-code').innerText()).trim();
    expect(await consolePage.getByTestId('enroll-code-for').innerText()).toContain(drawn);
    await consolePage.getByRole('button', { name: '完成' }).click();

    const tablet = await ctx.newPage();
    watchPage(tablet, log);
    await openHome(tablet, server.url);
    await go(tablet, '#/enroll');
    await tablet.getByTestId('enroll-code').fill(code);
    await tablet.getByTestId('enroll-submit').click();
    await tablet.getByTestId('enroll-done').waitFor({ timeout: 20_000 });

    // 4. It collects and syncs; 进度 moves (a target of 5 for 执法一大队 · 群众代表 set on the page).
    await openHome(tablet);
    await startF2f(tablet, '执法一大队');
    await answerF2f(tablet, { group: '群众代表', rest: '满意', overall: '满意' });
    await sealF2f(tablet, 0);
    await go(tablet, '#/sync');
    await tablet.getByTestId('sync-button').click();
    await expect.poll(async () => (await serverRecords(server)).length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect((await serverRecords(server))[0]!.record.collector).toBe(drawn);

    await nav(consolePage, '进度');
    await consolePage.getByText('任务数设置').click();
    await consolePage.getByRole('textbox', { name: '执法一大队 群众代表 任务数' }).fill('5');
    await consolePage.getByRole('textbox', { name: '执法一大队 群众代表 发放' }).fill('8');
    await consolePage.getByTestId('quotas-save').click();
    await consolePage.getByText('任务数已保存。').waitFor();
    await until(
      'progress shows the questionnaire',
      () => figures(consolePage, 'brigade1', 'public'),
      (s) => s === '回收 1 / 任务数 5 · 发放 8',
    );
    expect(await consolePage.locator('[data-unit="brigade1"]').getAttribute('data-behind')).toBe('yes');
    const rep = consolePage.locator(`[data-testid="progress-collectors"] tr[data-collector="${drawn}"]`);
    expect(await rep.innerText()).toMatch(/1\s*$/);

    // 5. Disqualified: the tablet is revoked at once and refused at its next sync.
    await nav(consolePage, '代表库');
    await consolePage.locator(`tr[data-person="${drawn}"]`).getByRole('button', { name: '更改状态' }).click();
    await consolePage.getByRole('dialog').getByText('已取消资格', { exact: true }).click();
    await consolePage.getByRole('button', { name: '保存' }).click();
    await consolePage.getByText('取消资格必须填写原因。').waitFor();
    await consolePage.getByRole('textbox', { name: '原因/说明' }).fill('违反八个严禁：代填问卷');
    await consolePage.getByRole('button', { name: '保存' }).click();
    expect(await consolePage.getByTestId('roster-saved').innerText()).toContain('已撤销 1 台平板。');

    await openHome(tablet);
    await tablet.getByTestId('tile-f2f').click();
    await tablet.getByRole('radiogroup', { name: '评议主体' }).waitFor();
    await answerF2f(tablet, { group: '群众代表', rest: '不满意', overall: '不满意' });
    await sealF2f(tablet, 1);
    await go(tablet, '#/sync');
    await tablet.getByTestId('sync-button').click();
    await until(
      'the tablet says it was revoked',
      () => tablet.locator('main').innerText(),
      (s) => s.includes('纠风办已停用本机'),
      20_000,
    );
    expect((await serverRecords(server)).length).toBe(1);

    // 6. 审核 offers to exclude the disqualified person's questionnaires, with the reason given.
    await nav(consolePage, '审核');
    const offer = consolePage.getByTestId('review-disqualified');
    await offer.getByRole('button', { name: '排除其问卷' }).click();
    expect(await consolePage.getByRole('textbox', { name: '原因/说明' }).inputValue()).toBe('违反八个严禁：代填问卷');
    await consolePage.getByTestId('exclude-disqualified').click();
    await offer.getByText('已排除 1 份问卷。').waitFor();
    await nav(consolePage, '进度');
    await until(
      'progress drops the excluded one',
      () => figures(consolePage, 'brigade1', 'public'),
      (s) => s === '回收 0 / 任务数 5 · 发放 8',
    );

    // 7. A coordinator on a phone: 进度 opens, fits the width, and shows the unit behind first.
    await consolePage.getByRole('button', { name: '退出登录' }).click();
    await consolePage.setViewportSize({ width: 390, height: 844 });
    await signIn(consolePage, 'zhao.qiang');
    await nav(consolePage, '进度');
    await until(
      'the coordinator sees progress',
      () => figures(consolePage, 'brigade1', 'public'),
      (s) => s.startsWith('回收 0 / 任务数 5'),
    );
    expect(await consolePage.locator('.c-unit-card').first().getAttribute('data-unit')).toBe('brigade1');
    const overflow = await consolePage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await consolePage.getByRole('navigation').getByRole('link', { name: '代表库' }).count()).toBe(0);
  }, 240_000);
});
