import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/domain/ids';
import type { UnsealedRecord } from '../../src/domain/records';
import { chainRecords } from '../../src/protocol/build';
import { enrollStandIn, browserFixture } from './harness';
import { addStaff, signInConsole } from './flows';

// The office reviews a held questionnaire in the console: a tablet sends 12 questionnaires sealed
// 2 s apart; the limits hold the 10th to 12th; the office accepts one on the 审核 page and the
// tally page shows it counted, then excludes the rest of the device's range and 暂定 goes away.

describe('审核 in the console', () => {
  const fx = browserFixture('review', async (server) => {
    await addStaff(server);
    const device = await enrollStandIn(server);
    const now = Date.now();
    const unsealed: UnsealedRecord[] = Array.from({ length: 12 }, (_, i) => ({
      ...device.f2f({ unitId: 'office', durationMs: 1000 }),
      createdAt: isoTime(now - 60_000 + i * 2000 - 1000),
    }));
    const { records } = await chainRecords(unsealed, { startSeq: 1, prevHash: device.sealedHash, sealedAt: (i) => isoTime(now - 60_000 + i * 2000) });
    const r = await device.send(await device.batch(records));
    expect(r.status).toBe(200);
  });

  it('accepts one held questionnaire with a reason and the tally counts it', async (t) => {
    const { page } = await fx.open(t);
    const server = fx.server!;
    await signInConsole(page, server.url);

    await page.getByRole('navigation').getByRole('link', { name: '统计排名' }).click();
    await page.getByTestId('provisional').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('counts-office').textContent()).toBe('计入 9待审 3');

    await page.getByRole('navigation').getByRole('link', { name: '审核' }).click();
    const table = page.locator('table[aria-label^="设备 "]');
    await table.waitFor({ timeout: 20_000 });
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.locator('tbody tr').first().textContent()).toContain('5 分钟内封存 10 份以上');
    await page.getByLabel('序号 10').check();
    await page.getByRole('button', { name: '接受' }).click();
    await page.getByLabel('理由（必填）').fill('电话回访，确有其人');
    await page.getByRole('button', { name: '确认' }).click();
    expect(await decisionOutcome(page)).toBe('已处理 1 份问卷，统计已更新。');
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label^="设备 "] tbody tr').length === 2);

    await page.getByRole('navigation').getByRole('link', { name: '统计排名' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="counts-office"]')?.textContent === '计入 10待审 2');
    expect(await page.getByTestId('provisional').textContent()).toContain('尚有 2 份问卷待审核');

    await page.getByRole('navigation').getByRole('link', { name: '审核' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label^="设备 "] tbody tr').length === 2);
    await page.getByRole('button', { name: '按序号区间处理' }).click();
    expect(await page.getByLabel('起始序号').inputValue()).toBe('11');
    expect(await page.getByLabel('结束序号').inputValue()).toBe('12');
    await page.getByLabel('理由（必填）').fill('同一设备两秒一份，核实为补录');
    await page.getByRole('button', { name: '确认' }).click();
    expect(await decisionOutcome(page)).toBe('已处理 2 份问卷，统计已更新。');
    await page.getByRole('navigation').getByRole('link', { name: '统计排名' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="counts-office"]')?.textContent === '计入 10剔除 2');
    expect(await page.getByTestId('provisional').count()).toBe(0);
  });
});

/** What the console said after a decision: the confirmation, or the refusal shown instead. */
async function decisionOutcome(page: Page): Promise<string | null> {
  const said = page.locator('p.c-banner-ok[role="status"], [role="dialog"] [role="alert"]').first();
  await said.waitFor();
  return said.textContent();
}
