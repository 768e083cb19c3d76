import { describe, expect, it } from 'vitest';
import { answerF2f, go, openHome, sealF2f, startF2f, storedRecords } from './flows';
import { axeViolations, describeViolations } from './axe';
import { until, waitForServiceWorker, browserFixture } from './harness';

// axe-core on every screen of the field app, landscape and portrait, in practice mode.

const SIZES = [
  { name: 'landscape', width: 1280, height: 800 },
  { name: 'portrait', width: 800, height: 1280 },
];

describe('accessibility of the field app', () => {
  const fx = browserFixture('a11y');

  it('has no WCAG 2 A/AA violations on any screen, in both orientations', async (t) => {
    const { page } = await fx.open(t);
    const server = fx.server!;
    await openHome(page, server.url);
    await waitForServiceWorker(page);
    await startF2f(page, '市容管理科');
    await answerF2f(page, { group: '群众代表', rest: '满意', overall: '满意' });
    await sealF2f(page, 0);
    const [rec] = await storedRecords(page);

    const screens: [string, string, string][] = [
      ['home', '#/', '[data-testid=tile-f2f]'],
      ['f2f', '#/f2f', '[role=radiogroup]'],
      ['forum', '#/forum', 'form, .form-body'],
      ['visit', '#/visit', '.form-body'],
      ['stall', '#/stall', '.form-body'],
      ['records', '#/records', '[data-testid=record-row]'],
      ['record', `#/records/${rec!.hash}`, '[data-testid=hash]'],
      ['correct', `#/correct/${rec!.hash}?action=amend`, '.form-body'],
      ['settings', '#/settings', 'h1'],
      ['sync', '#/sync', 'h1'],
      ['enroll', '#/enroll', '[data-testid=enroll-code]'],
    ];
    const problems: string[] = [];
    /** A blank questionnaire sealed by mistake: the red panel, and in landscape room for 5 questions above it. */
    const refusedSeal = async (mode: string, aaa: boolean) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await go(page, '#/f2f');
      await page.getByRole('button', { name: '提交/封存' }).click();
      await page.locator('.missing').waitFor();
      problems.push(...describeViolations(`${mode} refused seal`, await axeViolations(page, { aaa })));
      const rows = await page.evaluate(() => {
        const bar = document.querySelector('.seal-bar')!.getBoundingClientRect();
        const top = document.querySelector('.topbar')!.getBoundingClientRect().bottom;
        const heights = [...document.querySelectorAll('.q-rating')].map((q) => q.getBoundingClientRect().height).sort((a, b) => a - b);
        return (bar.top - top) / heights[Math.floor(heights.length / 2)]!;
      });
      expect(rows, `${mode}: question rows in view above the missing panel and seal bar`).toBeGreaterThanOrEqual(5);
    };
    const sweep = async (mode: string, aaa: boolean) => {
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        for (const [name, hash, ready] of screens) {
          await go(page, hash);
          await page.locator(ready).first().waitFor();
          problems.push(...describeViolations(`${mode} ${name} ${size.name}`, await axeViolations(page, { aaa })));
        }
      }
    };
    await sweep('standard', false);
    await refusedSeal('standard', false);

    // 大字/高对比, chosen in 设置 → 显示: AAA contrast (7:1) everywhere.
    await page.setViewportSize({ width: 1280, height: 800 });
    await go(page, '#/settings');
    await page.getByRole('radio', { name: '大字/高对比' }).click();
    await until(
      'bold display',
      () => page.evaluate(() => document.documentElement.dataset.display ?? ''),
      (d) => d === 'bold',
    );
    await page.reload();
    await page.locator('h1').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.display)).toBe('bold'); // kept across a reload
    await sweep('bold', true);
    await refusedSeal('bold', true);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
  });
});
