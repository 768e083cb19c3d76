import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import ActionsPage from '../../../src/ui/console/actions/ActionsPage';
import type { LoggedOfficeAction } from '../../../src/ui/console/api-types';
import { renderPage } from './render';

const at = '2026-11-21T02:00:00.000Z';
const logged = (logIndex: number, action: string, actor: string, data: Record<string, unknown>, campaignId?: string): LoggedOfficeAction => ({
  hash: String(logIndex).padStart(64, '0'),
  logIndex,
  action: { v: 1, type: 'office', action, actor, at, data, ...(campaignId ? { campaignId } : {}) },
});

const PAGE_1 = [
  logged(0, 'campaign-version', 'server', { version: 1, hash: 'd'.repeat(64), changes: [] }, 'demo'),
  logged(1, 'enrollment-code', 'admin-cli', { codeHash: 'c'.repeat(64), role: 'inspector', collector: '李娜', expiresAt: '2026-11-24T02:00:00.000Z' }, 'demo'),
  logged(3, 'manual-scores', 'wang.li', { version: 2, scores: {}, bonusRanking: [] }, 'demo'),
];
const PAGE_2 = [
  logged(7, 'revoke-device', 'admin-token', { deviceId: 'dev-1', collector: '李娜', label: '平板 1' }, 'demo'),
  logged(8, 'account-disabled', 'admin-token', { username: 'zhao' }),
  logged(9, 'future-decision', 'wang.li', {}),
];

describe('操作记录 page', () => {
  afterEach(cleanup);

  it('lists who did what and when with the leaf index, and loads the next page on demand', async () => {
    const asked: (string | null)[] = [];
    renderPage(<ActionsPage />, {
      'GET /api/v1/admin/office-actions': (req) => {
        asked.push(req.query.get('after'));
        return { body: req.query.get('after') === '3' ? { actions: PAGE_2, next: null } : { actions: PAGE_1, next: 3 } };
      },
    });
    await screen.findByText(/为 李娜（暗访员）发放活动/);
    const rows = () => screen.getAllByRole('row').slice(1);
    expect(rows().map((r) => r.getAttribute('data-leaf'))).toEqual(['0', '1', '3']);
    expect(rows()[0]!.textContent).toContain('服务器（演示活动）');
    expect(rows()[1]!.textContent).toContain('命令行');
    expect(rows()[2]!.textContent).toContain('wang.li');
    expect(rows()[2]!.textContent).toContain('手工评分（第 2 版）');
    expect(screen.queryByText(/c{64}/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await screen.findByText('撤销设备“平板 1”（采集人 李娜）');
    expect(asked).toEqual([null, '3']);
    expect(rows().map((r) => r.getAttribute('data-leaf'))).toEqual(['0', '1', '3', '7', '8', '9']);
    expect(rows()[3]!.textContent).toContain('管理令牌');
    expect(rows()[4]!.textContent).toContain('停用账号 zhao');
    expect(rows()[5]!.textContent).toContain('future-decision');
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
  });

  it('says when nothing was logged, in English too', async () => {
    renderPage(<ActionsPage />, { 'GET /api/v1/admin/office-actions': () => ({ body: { actions: [], next: null } }) }, { lang: 'en' });
    expect(await screen.findByText('No office actions yet.')).toBeTruthy();
  });
});
