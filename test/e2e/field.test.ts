import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_PRIVATE_JWK } from '../../src/domain/demo-campaign';
import { bindingIds, withAnyId } from '../../src/domain/kept';
import type { Sealed } from '../../src/domain/records';
import { decryptSealed } from '../../src/platform/hpke';
import { answerF2f, choose, go, openHome, recordFinding, startF2f, storedRecords, enrollTablet } from './flows';
import { serverRecords, until, waitForServiceWorker, browserFixture } from './harness';
import { makePhoto } from './jpeg';

// The field app as it is used outdoors, on an enrolled tablet: a doubled tap on 提交/封存, a
// correction of a covert finding, and the 同步 screen with the server gone.

describe('outdoors', () => {
  const fx = browserFixture('field');

  it('seals a doubled tap once, keeps a finding’s sealed description through a correction, and tells the truth on 同步', async (t) => {
    const { page } = await fx.open(t);
    await openHome(page, fx.server!.url);
    await waitForServiceWorker(page);
    await enrollTablet(page, fx.server!, 'inspector', 'insp-wang');

    // 1. Two taps 110 ms apart on 提交/封存: one record, 已封存 with its short id, no refusal.
    await openHome(page);
    await startF2f(page, '市容管理科');
    await answerF2f(page, { group: '群众代表', rest: '满意', overall: '满意' });
    const box = (await page.getByRole('button', { name: '提交/封存' }).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.click(x, y);
    await new Promise((r) => setTimeout(r, 110));
    await page.mouse.click(x, y);
    const note = page.getByTestId('sealed-note');
    await note.waitFor();
    const [sealed] = await until(
      'one record',
      () => storedRecords(page),
      (r) => r.length === 1,
    );
    expect(await note.innerText()).toContain(`已封存 · 编号 ${sealed!.hash.slice(0, 6).toUpperCase()}`);
    // Past the quiet moment: still one record, no red panel, no question outlined.
    await page.getByRole('button', { name: '提交/封存' }).waitFor();
    expect(await storedRecords(page)).toHaveLength(1);
    expect(await page.locator('.missing').count()).toBe(0);
    expect(await page.getByText('还不能封存').count()).toBe(0);
    expect(await page.locator('.q-invalid').count()).toBe(0);

    // 3. A covert finding, corrected in its severity only: the correction keeps the sealed description.
    const description = '执法人员收取商户香烟两条。';
    await recordFinding(
      page,
      { unit: '执法一大队', mode: '暗访', place: '步行街东段', category: /吃拿卡要/, severity: '一般', description, photoName: 'IMG_0002.jpg' },
      await makePhoto(page, 640, 480),
    );
    const finding = (await storedRecords(page)).find((r) => r.type === 'visit')!;
    await go(page, `#/correct/${finding.hash}?action=amend`);
    await page.getByTestId('kept-note').getByText('保密内容沿用原记录，未改动。').waitFor();
    expect(await page.getByTestId('kept-note').innerText()).toContain('原记录的 1 张照片沿用，未改动。');
    await page.getByRole('textbox', { name: '原因', exact: true }).fill('严重程度定错');
    await choose(page, '严重程度', '较重');
    await page.getByRole('button', { name: '封存更正' }).click();
    await page.getByText('更正已封存。').waitFor();

    await go(page, '#/sync');
    await page.getByTestId('sync-button').click();
    await until(
      'the sync screen says everything was sent',
      () => page.getByTestId('sync-waiting').innerText(),
      (s) => s === '本机的记录已全部发送，服务器已确认。',
      30_000,
    );
    const held = await serverRecords(fx.server!);
    const original = held.find((h) => h.record.type === 'visit')!.record;
    const amend = held.find((h) => h.record.type === 'amend')!.record;
    expect(amend.body).toMatchObject({ targetId: original.id, keptFrom: original.id, body: { severity: 'serious', mode: 'covert' } });
    expect(amend.sealed).toEqual(original.sealed);
    expect(amend.attachments).toEqual(original.attachments);
    // The office decrypts it with the campaign key, as the console does.
    const secret = await withAnyId(bindingIds(amend), (id) => decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, id, amend.sealed as Sealed));
    expect(secret).toEqual({ description });

    // 2. The fx.server is gone (stopped, not only offline): records wait, and the screen says so.
    await fx.server!.close();
    fx.server = undefined;
    await openHome(page);
    await page.getByTestId('tile-f2f').click(); // the session's unit (市容管理科) is kept
    await page.getByRole('radiogroup', { name: '评议主体' }).waitFor();
    for (const [i, group] of ['专家代表', '服务对象'].entries()) {
      await answerF2f(page, { group, rest: '一般', overall: '一般' });
      await page.getByRole('button', { name: '提交/封存' }).click();
      await until(
        `questionnaire ${i + 2} sealed`,
        () => page.getByTestId('f2f-counter').innerText(),
        (s) => s.includes(`已封存 ${i + 2} 份`),
      );
    }
    await go(page, '#/sync');
    const nothing = /没有需要发送|没有.*记录要发送/;
    const waiting = page.getByTestId('sync-waiting');
    await until(
      '2 records waiting',
      () => waiting.innerText(),
      (s) => s === '等待发送：2 条记录',
    );
    expect(await page.locator('main, body').first().innerText()).not.toMatch(nothing);
    expect(await page.getByTestId('sync-last-run').innerText()).toMatch(/^上次同步 .+：发送了 \d+ 条，服务器已确认。$/);
    await page.getByTestId('sync-button').click();
    await until(
      'the failed sync is told',
      () => page.getByTestId('sync-last-run').innerText(),
      (s) => /^上次同步 .+：没有成功（网络不通，或服务器没有响应）/.test(s),
      20_000,
    );
    for (let i = 0; i < 5; i++) {
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(nothing);
      expect(text).not.toMatch(/Failed to fetch|network:/);
      expect(await waiting.innerText()).toBe('等待发送：2 条记录');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
