import { describe, expect, it } from 'vitest';
import { answerF2f, go, openHome, recordFinding, sealF2f, startF2f, storedRecords, enrollTablet } from './flows';
import { chainProblems, readStore, serverRecords, waitForServiceWorker, browserFixture } from './harness';
import type { ReceivedMark } from '../../src/store/db';
import { makePhoto } from './jpeg';

// The office issues a code, the tablet enrolls, collects offline, and comes back online: every
// record reaches the server, and the tablet shows each as received only under a verified receipt.

describe('sync after an offline day', () => {
  const fx = browserFixture('sync');

  it('sends every record when the network is back and marks them received', async (t) => {
    const { ctx, page } = await fx.open(t);
    const server = fx.server!;
    await openHome(page, server.url);
    await waitForServiceWorker(page);

    await enrollTablet(page, server, 'representative', 'rep-li');
    const devices = await server.admin<{ devices: { deviceId: string; collector: string; headSeq: number }[] }>('GET', '/api/v1/admin/devices');
    expect(devices.devices.map((d) => [d.collector, d.headSeq])).toEqual([['rep-li', 0]]);
    const deviceId = devices.devices[0]!.deviceId;

    await ctx.setOffline(true);
    await openHome(page);
    await startF2f(page, '市容管理科');
    for (const [i, group] of ['群众代表', '服务对象'].entries()) {
      await answerF2f(page, { group, rest: '满意', overall: i ? '一般' : '满意' });
      await sealF2f(page, i);
    }
    await recordFinding(
      page,
      {
        unit: '执法一大队',
        mode: '暗访',
        place: '步行街东段',
        category: /吃拿卡要/,
        severity: '一般',
        description: '执法人员收取商户香烟两条。',
        photoName: 'IMG_0002.jpg',
      },
      await makePhoto(page, 800, 600),
    );
    await openHome(page);
    await expect.poll(() => page.getByTestId('unsent').innerText()).toBe('3');
    expect((await serverRecords(server)).length).toBe(0);

    // Back online: the app sends on its own (the `online` event), no tap needed.
    await ctx.setOffline(false);
    await expect.poll(async () => (await serverRecords(server)).length, { timeout: 30_000, interval: 250 }).toBe(3);
    const held = await serverRecords(server);
    const local = await storedRecords(page);
    expect(held.map((h) => h.hash)).toEqual(local.map((r) => r.hash));
    expect(held.every((h) => h.record.deviceId === deviceId && h.record.collector === 'rep-li')).toBe(true);
    expect(chainProblems(held)).toEqual([]);
    expect(held[2]!.record.type).toBe('visit');
    expect(held[2]!.record.attachments?.[0]?.sealed).toBe(true);

    // The tablet marks them received once it has verified the server's signed receipt.
    await expect
      .poll(async () => (await readStore<ReceivedMark>(page, 'received')).map((m) => [m.deviceId, m.throughSeq, m.headHash]), { timeout: 15_000 })
      .toEqual([[deviceId, 3, local[2]!.hash]]);
    await page.getByTestId('unsent-none').waitFor();
    await go(page, '#/records');
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(3);
    const badges = await page.getByTestId('record-row').locator('.rec-badges').allInnerTexts();
    expect(badges.map((b) => b.trim())).toEqual(['已发送', '已发送', '已发送']);
  });
});
