import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answerF2f, choose, go, openHome, recordFinding, sealF2f, startF2f, storedRecords, enrollTablet } from './flows';
import { axeViolations, describeViolations } from './axe';
import { clippedText } from './clipping';
import { until, waitForServiceWorker, browserFixture } from './harness';
import { makePhoto } from './jpeg';

// axe-core on the states a sweep of the screens does not reach, on an enrolled tablet: 同步 with
// records waiting, the refused seal, the 已封存 note, the unit-switch dialog and the correction of a
// covert finding; then, in 大字/高对比 at 200 % text, no text clipped on the field screens.
// (The demo campaign does not ask for a review before sealing, so that dialog is not reached here.)

const SIZES = [
  { name: 'landscape', width: 1280, height: 800 },
  { name: 'portrait', width: 800, height: 1280 },
];

describe('accessibility of the field app in its passing states', () => {
  const fx = browserFixture('a11y-states');

  it('has no violations in them, and nothing clips at 200 % text in 大字/高对比', async (t) => {
    const { page } = await fx.open(t);
    await openHome(page, fx.server!.url);
    await waitForServiceWorker(page);
    await enrollTablet(page, fx.server!, 'inspector', 'insp-li');
    // The fx.server goes away: what is sealed from now on waits on the tablet.
    await fx.server!.close();
    fx.server = undefined;

    await openHome(page);
    await startF2f(page, '市容管理科');
    await answerF2f(page, { group: '群众代表', rest: '满意', overall: '满意' });
    await sealF2f(page, 0);
    await recordFinding(
      page,
      {
        unit: '执法一大队',
        mode: '暗访',
        place: '步行街东段',
        category: /吃拿卡要/,
        severity: '一般',
        description: '收取商户香烟两条。',
        photoName: 'IMG_0003.jpg',
      },
      await makePhoto(page, 320, 240),
    );
    const finding = (await storedRecords(page)).find((r) => r.type === 'visit')!;

    const problems: string[] = [];
    const check = async (where: string, aaa: boolean) => problems.push(...describeViolations(where, await axeViolations(page, { aaa })));
    /** 面对面评议, past the offer to continue an unfinished questionnaire (itself checked). */
    const openF2f = async (where: string, aaa: boolean) => {
      await go(page, '#/f2f');
      const resume = page.getByRole('button', { name: '继续填写' });
      await page.getByRole('radiogroup', { name: '评议主体' }).or(resume).first().waitFor();
      if (await resume.count()) {
        await check(`${where} ${mode.size} (continue offer)`, aaa);
        await resume.click();
        await page.getByRole('radiogroup', { name: '评议主体' }).waitFor();
      }
    };
    let mode = { name: 'standard', aaa: false, size: '' };
    /** Each state, entered afresh in each orientation. */
    const states: [string, () => Promise<void>][] = [
      [
        'sync with records waiting',
        async () => {
          await go(page, '#/sync');
          await until(
            'records waiting',
            () => page.getByTestId('sync-waiting').innerText(),
            (s) => /^等待发送：\d+ 条记录/.test(s),
          );
        },
      ],
      [
        'sealed note',
        async () => {
          await openF2f(`${mode.name} sealed note`, mode.aaa);
          await answerF2f(page, { group: '专家代表', rest: '一般', overall: '一般' });
          await page.getByRole('button', { name: '提交/封存' }).click();
          await page.getByTestId('sealed-note').waitFor();
          await page.getByRole('button', { name: '提交/封存' }).waitFor(); // past the quiet moment
        },
      ],
      [
        'refused seal',
        async () => {
          await openF2f(`${mode.name} refused seal`, mode.aaa);
          await page.getByRole('button', { name: '提交/封存' }).waitFor();
          await page.getByRole('button', { name: '提交/封存' }).click();
          await page.locator('.missing').waitFor();
        },
      ],
      [
        'unit switch',
        async () => {
          await openF2f(`${mode.name} unit switch`, mode.aaa);
          await choose(page, '评议主体', '服务对象');
          await page.getByRole('button', { name: '更换', exact: true }).click();
          await page.getByRole('radio', { name: '执法一大队', exact: true }).click();
          await page.getByRole('button', { name: '开始评议' }).click();
          await page.getByRole('dialog').waitFor();
        },
      ],
      [
        'correction of a covert finding',
        async () => {
          if (await page.getByRole('dialog').count()) await page.keyboard.press('Escape');
          await go(page, `#/correct/${finding.hash}?action=amend`);
          await page.getByTestId('kept-note').waitFor();
        },
      ],
    ];
    const sweep = async (name: string, aaa: boolean) => {
      mode = { name, aaa, size: '' };
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        mode.size = size.name;
        for (const [name, enter] of states) {
          await enter();
          await check(`${mode.name} ${name} ${size.name}`, aaa);
        }
      }
    };
    await sweep('standard', false);

    await page.setViewportSize({ width: 1280, height: 800 });
    await go(page, '#/settings');
    await page.getByRole('radio', { name: '大字/高对比' }).click();
    await until(
      'bold display',
      () => page.evaluate(() => document.documentElement.dataset.display ?? ''),
      (d) => d === 'bold',
    );
    await sweep('bold', true);

    // 200 % text: the root font size doubled (what Chromium's text zoom does to rem-sized text).
    await doubleText(page);
    const screens: [string, string][] = [
      ['home', '#/'],
      ['f2f', '#/f2f'],
      ['forum', '#/forum'],
      ['visit', '#/visit'],
      ['stall', '#/stall'],
      ['records', '#/records'],
      ['record', `#/records/${finding.hash}`],
      ['correct', `#/correct/${finding.hash}?action=amend`],
      ['settings', '#/settings'],
      ['sync', '#/sync'],
    ];
    const clipped: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      mode.size = size.name;
      for (const [name, hash] of screens) {
        await go(page, hash);
        await until(
          `${name} shown`,
          () => page.evaluate(() => location.hash + '|' + (document.querySelector('main h1, h1')?.textContent ?? '')),
          (s) => s.startsWith(hash.split('?')[0]!) && !s.endsWith('|'),
        );
        if (name === 'f2f') await openF2f(`bold 200 % text f2f`, true); // the questionnaire itself, past the offer to continue
        await page.waitForFunction(() => document.fonts.status === 'loaded');
        clipped.push(...(await clippedText(page)).map((c) => `${name} ${size.name}: ${c}`));
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect({ problems, clipped }).toEqual({ problems: [], clipped: [] });
  });
});

async function doubleText(page: Page): Promise<void> {
  await page.evaluate(() => {
    const html = document.documentElement;
    html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * 2}px`;
  });
}
