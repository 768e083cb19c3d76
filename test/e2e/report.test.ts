import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { DEMO_RATINGS } from '../server/device';
import { axeViolations, describeViolations } from './axe';
import { pdfPageTexts } from './pdf-text';
import { enrollStandIn, firstPage, newProfile, watchPage, browserFixture } from './harness';
import { addStaff, OFFICE_ADMIN, signInConsole } from './flows';

// The office makes its 通报 and publishes the ranking: the tally page's 生成通报 opens the print
// view, which Chromium prints to an A4 landscape PDF with every column on the page, one page per
// table (排名, then each category) and each page numbered (第 n 页 / 共 m 页); 发布 with its
// confirmation makes the ranking public, and the public page shows it to anyone, without signing
// in; 撤回公示 with a reason takes it down.

const CAMPAIGN = {
  ...DEMO_CAMPAIGN,
  minSamplePerGroup: 0,
  limits: { maxPerDevicePerDay: null, burst: null },
  scoring: { ...DEMO_CAMPAIGN.scoring, rankWithin: 'category' as const },
};
const LEVELS = ['very', 'fairly', 'neutral', 'less', 'dissatisfied'];
const CATEGORIES = [...new Set(DEMO_CAMPAIGN.units.map((u) => u.category))];
/** A4 landscape less the print view's left and right margins (10 mm each), in CSS px (96 per inch). */
const PRINTABLE_PX = ((297 - 20) / 25.4) * 96;

/** Pages and page size of a PDF as Chromium writes it (one /Type /Page object per page). */
function pdfPages(pdf: Buffer): { count: number; boxes: number[][] } {
  const text = pdf.toString('latin1');
  const count = (text.match(/\/Type\s*\/Page\b/g) ?? []).length;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => m.slice(1, 5).map(Number));
  return { count, boxes };
}

describe('通报 and 公示 in the browser', () => {
  const fx = browserFixture('report', async (server) => {
    await addStaff(server);
    await server.admin('PUT', '/api/v1/admin/campaigns/demo', CAMPAIGN);
    const device = await enrollStandIn(server);
    const items = DEMO_CAMPAIGN.units.flatMap((u, i) =>
      ['expert', 'public', 'client'].map((g) =>
        device.f2f({
          unitId: u.id,
          raterGroup: g,
          overall: LEVELS[i % 5],
          ratings: Object.fromEntries(Object.keys(DEMO_RATINGS).map((d) => [d, LEVELS[(i + 2) % 5]])),
        }),
      ),
    );
    const r = await device.send(await device.batch(await device.seal(items)));
    expect(r.status).toBe(200);
    const scores = Object.fromEntries(DEMO_CAMPAIGN.units.map((u, i) => [u.id, { daily: 70 + i * 3.3, network: 95 - i * 2.7 }]));
    await server.admin('PUT', '/api/v1/admin/campaigns/demo/manual-scores', { scores, bonusRanking: [] });
  });

  /** Opens the tally page, signing in unless the profile's session is still open. */
  async function signIn(page: Page) {
    await signInConsole(page, fx.server!.url, OFFICE_ADMIN, { keepSession: true });
    await page.getByRole('navigation').getByRole('link', { name: '统计排名' }).click();
  }

  it('prints the 通报 from 生成通报 to an A4 landscape PDF, every column on the page, one page per table, pages numbered', async (t) => {
    const { ctx, page } = await fx.open(t);
    const server = fx.server!;
    await signIn(page);
    const [view] = await Promise.all([ctx.waitForEvent('page'), page.getByRole('link', { name: '生成通报（打印 / PDF）' }).click()]);
    const viewLog = watchPage(view, []);
    await view.waitForLoadState('load');
    expect(await view.title()).toContain('评议结果通报');
    // Nothing of the console: no navigation, no form, no script.
    expect(await view.locator('nav, form, button, script').count()).toBe(0);
    expect(await view.locator('section').count()).toBe(1 + CATEGORIES.length);

    // As printed: at the printable width of A4 landscape, no table is wider than the page.
    await view.emulateMedia({ media: 'print' });
    await view.setViewportSize({ width: Math.floor(PRINTABLE_PX), height: 700 });
    const widths = await view.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      tables: [...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right),
      lastHeads: [...document.querySelectorAll('table')].map((t) => t.querySelector('thead th:last-child')?.textContent),
    }));
    expect(widths.page).toBeLessThanOrEqual(Math.floor(PRINTABLE_PX));
    for (const right of widths.tables) expect(right).toBeLessThanOrEqual(PRINTABLE_PX);
    expect(new Set(widths.lastHeads)).toEqual(new Set(['说明']));

    const pdf = await view.pdf({ preferCSSPageSize: true, printBackground: true });
    const { count, boxes } = pdfPages(pdf);
    // 排名 on one page, then one page per category (each table starts a page).
    expect(count).toBe(1 + CATEGORIES.length);
    for (const [x0, y0, w, h] of boxes) {
      expect([x0, y0]).toEqual([0, 0]);
      expect(Math.round(w!)).toBe(842); // A4 landscape: 297 × 210 mm in points
      expect(Math.round(h!)).toBe(595);
    }
    // Each page carries its number and the page count, in the PDF's own text (the print view's
    // @page footer; 第 may come out as U+FFFD where no CJK font is installed, the rest is mapped).
    const numbers = pdfPageTexts(pdf).map((text) => /(\d+)\s*页\s*\/\s*共\s*(\d+)\s*页/.exec(text)?.slice(1, 3));
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => [String(i + 1), String(count)]));
    // The printed rows are the signed tally's, in its order, first three and last three marked.
    const { tally } = (await server.admin('GET', '/api/v1/admin/campaigns/demo/tally')) as { tally: { units: { unitId: string }[] } };
    const ranked = view.locator('section').first().locator('tbody tr');
    expect(await ranked.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')))).toEqual(tally.units.map((u) => u.unitId));
    expect(await ranked.evaluateAll((rows) => rows.map((r) => r.className))).toEqual(['top', 'top', 'top', '', '', '', 'bottom', 'bottom', 'bottom']);
    expect(viewLog.filter((l) => /Content Security Policy|Refused/.test(l))).toEqual([]);

    // The workbook beside it is a download of the same report.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载通报 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('publishes after a confirmation, the public page shows the ranking to anyone with how to verify it, and 撤回公示 takes it down', async (t) => {
    const { page } = await fx.open(t);
    const server = fx.server!;
    expect((await fetch(`${server.url}/api/v1/public/campaigns/demo`)).status).toBe(404);
    await signIn(page);
    await page.getByTestId('publication').filter({ hasText: '尚未发布' }).waitFor();
    await page.getByRole('button', { name: '发布（公示）' }).click();
    const dialog = page.getByRole('dialog', { name: '发布统计结果' });
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await fetch(`${server.url}/api/v1/public/campaigns/demo`)).status).toBe(404);
    await page.getByRole('button', { name: '发布（公示）' }).click();
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await page.getByText(/已发布第 1 版/).waitFor();

    // A stranger: another browser fx.profile, never signed in.
    const strangerProfile = newProfile();
    try {
      const pub = await firstPage(await strangerProfile.open());
      const pubLog = watchPage(pub, []);
      const res = await pub.goto(`${server.url}/public/campaigns/demo`);
      expect(res!.status()).toBe(200);
      await pub.getByRole('heading', { level: 1 }).waitFor();
      expect(await pub.getByRole('heading', { level: 1 }).textContent()).toContain('评议结果公示');
      const { tally } = await (await fetch(`${server.url}/api/v1/public/campaigns/demo`)).json();
      const rows = pub.locator('tbody tr');
      expect(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-unit')))).toEqual(tally.units.map((u: { unitId: string }) => u.unitId));
      expect(await rows.first().locator('th').textContent()).toBe(tally.units[0].name);
      const text = (await pub.locator('body').textContent())!;
      expect(text).toContain('如何核验');
      expect(text).toContain('npm run verify');
      const key = await (await fetch(`${server.url}/api/v1/server-key`)).json();
      expect(text).toContain(key.keyId);
      expect(text).not.toContain('张三'); // the collector
      expect(describeViolations('public page', await axeViolations(pub))).toEqual([]);
      await pub.getByRole('link', { name: 'English' }).click();
      await pub.getByRole('heading', { name: 'How to verify' }).waitFor();
      expect(pubLog.filter((l) => /Content Security Policy|Refused/.test(l))).toEqual([]);
    } finally {
      await strangerProfile.dispose();
    }

    // 撤回公示: a confirmation that asks for the reason; then nothing is public and the page says when.
    await page.getByRole('button', { name: '撤回公示' }).click();
    const withdraw = page.getByRole('dialog', { name: '撤回公示' });
    expect(await withdraw.getByRole('button', { name: '确认撤回' }).isDisabled()).toBe(true);
    await withdraw.getByLabel('撤回理由（必填）').fill('人工分录入有误，更正后重新公示');
    await withdraw.getByRole('button', { name: '确认撤回' }).click();
    await page.getByTestId('publication').filter({ hasText: '理由：人工分录入有误，更正后重新公示' }).waitFor();
    expect(await page.getByRole('button', { name: '撤回公示' }).count()).toBe(0);
    expect((await fetch(`${server.url}/api/v1/public/campaigns/demo`)).status).toBe(404);
    const gone = await fetch(`${server.url}/public/campaigns/demo`);
    expect([gone.status, (await gone.text()).includes('公示已撤回')]).toEqual([404, true]);
  });
});
