import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { go, openHome, enrollTablet } from './flows';
import { waitForServiceWorker, browserFixture } from './harness';

// The office adds a unit after the tablet enrolled: at the next sync the tablet takes the new
// version, says 活动已更新 with what changed, and offers the new unit for new questionnaires.

describe('a tablet follows its campaign', () => {
  const fx = browserFixture('campaign-update');

  it('shows a unit the office added after enrollment once it has synced', async (t) => {
    const { page } = await fx.open(t);
    const server = fx.server!;
    await openHome(page, server.url);
    await waitForServiceWorker(page);

    await enrollTablet(page, server, 'representative', 'rep-wang');

    const { version: _v, ...demo } = await server.admin<Campaign>('GET', '/api/v1/admin/campaigns/demo');
    const units = [...demo.units, { id: 'hall', name: '便民服务大厅', category: '窗口单位' }];
    expect(await server.admin('PUT', '/api/v1/admin/campaigns/demo', { ...demo, units })).toEqual({ version: 2 });

    await go(page, '#/sync');
    await page.getByTestId('sync-button').click();
    const notice = page.getByTestId('campaign-update');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain('新增被评单位：便民服务大厅');

    await openHome(page);
    await page.getByTestId('tile-f2f').click();
    await page.getByRole('radio', { name: '便民服务大厅', exact: true }).waitFor({ timeout: 10_000 });
    await page.getByRole('radio', { name: '便民服务大厅', exact: true }).click();
    await page.getByRole('button', { name: '开始评议' }).click();
    await page.getByRole('radiogroup', { name: '评议主体' }).waitFor();
  });
});
