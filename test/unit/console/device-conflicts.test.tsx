import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { DevicesPage } from '../../../src/ui/console/devices/DevicesPage';
import type { ConflictRow } from '../../../src/ui/console/api-types';
import { device } from './fake-server';
import { renderPage } from './render';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const stored = { v: 1, type: 'f2f', id: 'r-2', seq: 2, body: { overall: 'fairly' } };
const offered = { v: 1, type: 'f2f', id: 'r-2b', seq: 2, body: { overall: 'very', comment: '另一个版本' } };
const CONFLICT: ConflictRow = {
  deviceId: 'dev-bad',
  seq: 2,
  receivedAt: '2026-11-21T10:00:00.000Z',
  stored: { hash: 'a'.repeat(64), record: stored },
  offered: { hash: 'b'.repeat(64), record: offered },
};

function server(seen: string[] = []) {
  return {
    'GET /api/v1/admin/devices': () => ({
      body: {
        devices: [
          device({ deviceId: 'dev-ok', collector: '陈刚', conflicts: 0 }),
          device({ deviceId: 'dev-bad', collector: '李娜', label: '平板 2', conflicts: 1 }),
        ],
      },
    }),
    'GET /api/v1/admin/conflicts': (req: { query: URLSearchParams }) => {
      seen.push(req.query.get('deviceId') ?? '');
      return { body: { conflicts: [CONFLICT] } };
    },
  };
}

describe('devices page: equivocation', () => {
  afterEach(cleanup);

  it('marks a device with stored conflicts 存在冲突 and no other', async () => {
    renderPage(<DevicesPage now={() => NOW} />, server());
    await screen.findByText('李娜');
    const bad = document.querySelector('[data-device="dev-bad"]') as HTMLElement;
    const ok = document.querySelector('[data-device="dev-ok"]') as HTMLElement;
    expect(within(bad).getByText('存在冲突')).toBeTruthy();
    expect(within(ok).queryByText('存在冲突')).toBeNull();
  });

  it('shows the stored and the offered version side by side', async () => {
    const seen: string[] = [];
    renderPage(<DevicesPage now={() => NOW} />, server(seen));
    fireEvent.click(await screen.findByRole('button', { name: '查看冲突' }));
    const dialog = screen.getByRole('dialog', { name: '设备记录冲突' });
    await within(dialog).findByText('已保存的版本');
    expect(seen).toEqual(['dev-bad']);
    expect(dialog.textContent).toContain('设备“平板 2”（采集人 李娜）');
    expect(dialog.textContent).toContain('序号 2');
    const sides = dialog.querySelectorAll('.c-conflict-side');
    expect(sides).toHaveLength(2);
    expect(sides[0]!.textContent).toContain('已保存的版本');
    expect(sides[0]!.textContent).toContain('a'.repeat(64));
    expect(sides[0]!.textContent).toContain('"overall": "fairly"');
    expect(sides[1]!.textContent).toContain('另一版本（证据）');
    expect(sides[1]!.textContent).toContain('b'.repeat(64));
    expect(sides[1]!.textContent).toContain('另一个版本');
  });

  it('says it in English too', async () => {
    renderPage(<DevicesPage now={() => NOW} />, server(), { lang: 'en' });
    expect(await screen.findByText('Conflict')).toBeTruthy();
  });
});
