import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/domain/review';
import type { RectList } from '../../src/protocol/office-api';
import { choose, enrollTablet, go, openHome, storedRecords } from './flows';
import { startGate, type Gate } from './gate';
import { firstPage, newProfile, onFailure, startServer, waitForServiceWorker, watchPage, type Profile, type TestServer } from './harness';

// 回头看 on a tablet: the office opened an item for 执法一大队; a sync brings it to the tablet; then
// the server is out of reach (cut behind a gate, so the service worker cannot send either) and the
// network is off: the representative records the follow-up, sealed into the device's chain. Back
// online with the server still down, nothing is lost; once the server answers, the follow-up
// arrives and the office's list shows the item verified.

describe('回头看 offline on a tablet', () => {
  let server: TestServer;
  let gate: Gate;
  let profile: Profile;
  const log: string[] = [];
  let itemId = '';

  beforeAll(async () => {
    server = await startServer();
    gate = await startGate(server.url);
    profile = newProfile();
    const deadline = shanghaiDay(Date.now() + 7 * 86_400_000);
    ({ id: itemId } = await server.admin<{ id: string }>('POST', '/api/v1/admin/campaigns/demo/rectifications', {
      unitId: 'brigade1',
      problem: '占道经营整治不彻底',
      sources: [],
      measures: '每日巡查步行街',
      deadline,
    }));
  });
  afterAll(async () => {
    await profile?.dispose();
    await gate?.close();
    await server?.close();
  });

  it('records a follow-up with no server and no network, and sends it once the server answers', async (t) => {
    onFailure(t, 'followup', () => profile, log);
    const ctx = await profile.open();
    const page = await firstPage(ctx);
    watchPage(page, log);
    await openHome(page, gate.url);
    await waitForServiceWorker(page);
    await enrollTablet(page, server, 'representative', 'rep-zhao');

    // A sync fetches the open items and keeps them for offline use.
    await go(page, '#/sync');
    await page.getByTestId('sync-button').click();
    await openHome(page);
    await expect.poll(() => page.getByTestId('count-followup-items').innerText(), { timeout: 20_000 }).toBe('1');

    gate.shut();
    await ctx.setOffline(true);
    await page.reload();
    await page.getByTestId('tile-followup').click();
    const unit = page.getByTestId('followup-unit-brigade1');
    expect(await unit.getByRole('heading').innerText()).toContain('执法一大队');
    await unit.getByTestId('followup-pick').filter({ hasText: '占道经营整治不彻底' }).click();
    await expect.poll(() => page.getByTestId('followup-item').innerText()).toContain('占道经营整治不彻底');
    await choose(page, '整改情况', '已整改');
    await page.getByRole('textbox', { name: '情况说明', exact: true }).fill('步行街已无占道摊点');
    await page.getByRole('button', { name: '提交/封存' }).click();
    await page.getByRole('status').getByText('已封存').first().waitFor();

    const [sealed] = await storedRecords(page);
    expect(sealed!.record.type).toBe('followup');
    expect(sealed!.record.body).toMatchObject({ itemId, unitId: 'brigade1', verdict: 'fixed', note: '步行街已无占道摊点' });

    // The network is back but the server is still out of reach: the follow-up waits, unsent.
    await ctx.setOffline(false);
    await openHome(page);
    await go(page, '#/sync');
    await page.getByTestId('sync-button').click();
    await expect.poll(() => page.getByTestId('sync-unsent').innerText(), { timeout: 20_000 }).toBe('1');
    await page.waitForSelector('[data-testid="sync-button"]:not([disabled])');
    const waiting = await server.admin<RectList>('GET', '/api/v1/admin/campaigns/demo/rectifications');
    expect(waiting.items[0]!.followups).toEqual([]);

    // The server answers again: one tap sends it, and the office sees the item verified.
    gate.open();
    await page.getByTestId('sync-button').click();
    await expect.poll(() => page.getByTestId('sync-unsent').innerText(), { timeout: 30_000 }).toBe('0');
    const seen = await server.admin<RectList>('GET', '/api/v1/admin/campaigns/demo/rectifications');
    expect(seen.items[0]).toMatchObject({ id: itemId, status: 'verified', overdue: false });
    expect(seen.items[0]!.followups).toMatchObject([{ hash: sealed!.hash, verdict: 'fixed', note: '步行街已无占道摊点' }]);
    expect(seen.units.find((u) => u.unitId === 'brigade1')).toMatchObject({ total: 1, verified: 1, completionRate: 1 });
  });
});
