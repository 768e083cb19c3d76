import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../src/store/db';
import { answerF2f, go, openHome, recordFinding, sealF2f, startF2f, storedBlobs, storedRecords } from './flows';
import { chainProblems, firstPage, waitForServiceWorker, watchPage, browserFixture } from './harness';
import { EXIF_MARKER, hasExif, makePhoto } from './jpeg';

// A day in the field without a network: the app was opened once online (so its service worker
// holds it), then everything happens offline, the browser is closed and opened again, and the
// interface switches to English.

describe('offline field day', () => {
  const fx = browserFixture('offline');

  it('keeps three questionnaires and a finding with a clean photo across an offline restart, and speaks English offline', async (t) => {
    fx.watch(t);
    const url = fx.server!.url;
    let ctx = await fx.profile.open();
    let page = await firstPage(ctx);
    watchPage(page, fx.log);
    await openHome(page, url);
    await waitForServiceWorker(page);

    await ctx.setOffline(true);
    await page.reload();
    await page.getByTestId('tile-f2f').waitFor();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    await startF2f(page, '局办公室');
    const groups = ['专家代表', '群众代表', '服务对象'];
    for (const [i, group] of groups.entries()) {
      await answerF2f(page, { group, rest: i === 1 ? '一般' : '满意', ratings: { 办事效率: '不了解' }, overall: '较满意' });
      await sealF2f(page, i);
    }
    const photo = await makePhoto(page);
    expect(hasExif(photo)).toBe(true); // the test photo really carries EXIF
    // 明察 (an open inspection): its photo stays plaintext.
    await recordFinding(
      page,
      {
        unit: '行政审批窗口',
        mode: '明察',
        place: '政务服务中心二楼3号窗口',
        category: /推诿扯皮/,
        severity: '较重',
        description: '窗口人员以系统故障为由让群众改日再来，未作登记。',
        photoName: 'IMG_0001.jpg',
      },
      photo,
    );
    await ctx.close();

    // Closed browser, no network, and now no fx.server either: the app must open from its own cache.
    await fx.server!.close();
    fx.server = undefined;
    ctx = await fx.profile.open({ offline: true });
    page = await firstPage(ctx);
    watchPage(page, fx.log);
    await openHome(page, url);
    // The counts as read from the database, not the ones remembered from before the restart.
    await page.locator('.tiles[data-confirmed="yes"]').waitFor();
    await expect.poll(() => page.getByTestId('count-f2f').innerText()).toBe('3');
    expect(await page.getByTestId('count-visit').innerText()).toBe('1');
    await go(page, '#/records');
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(4);

    const records: StoredRecord[] = await storedRecords(page);
    expect(records.map((r) => [r.seq, r.type])).toEqual([
      [1, 'f2f'],
      [2, 'f2f'],
      [3, 'f2f'],
      [4, 'visit'],
    ]);
    expect(new Set(records.map((r) => r.deviceId)).size).toBe(1);
    expect(chainProblems(records)).toEqual([]);
    expect(records.map((r) => r.record.body.raterGroup).slice(0, 3)).toEqual(['expert', 'public', 'client']);

    const finding = records[3]!.record;
    expect(finding.body).toMatchObject({ unitId: 'approval', mode: 'open', severity: 'serious', categories: ['shirk'] });
    expect(finding.sealed?.alg).toBe('HPKE-P256-SHA256-AES256GCM'); // the description is encrypted
    expect(JSON.stringify(finding)).not.toContain('系统故障');
    expect(finding.attachments).toHaveLength(1);

    const blobs = await storedBlobs(page);
    expect(blobs).toHaveLength(1);
    const stored = Uint8Array.from(blobs[0]!.bytes);
    expect(blobs[0]!.sealed).toBe(false);
    expect(blobs[0]!.sha256).toBe(finding.attachments![0]!.sha256);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(blobs[0]!.sha256);
    expect([stored[0], stored[1]]).toEqual([0xff, 0xd8]);
    expect(hasExif(stored)).toBe(false);
    expect(Buffer.from(stored).includes('Exif\0\0')).toBe(false);
    expect(Buffer.from(stored).includes(EXIF_MARKER)).toBe(false);

    // Still without network or server: the other languages load from the service worker's cache,
    // and a saved one is in place before the first screen after a restart.
    await go(page, '#/settings');
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('navigation').getByText('Settings').waitFor();
    await page.reload();
    await page.getByRole('navigation').waitFor();
    expect(await page.getByRole('navigation').innerText()).toContain('Face-to-face');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
