import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import jsQR from 'jsqr';
import { DevicesPage } from '../../../src/ui/console/devices/DevicesPage';
import type { DeviceRow } from '../../../src/ui/console/api-types';
import { device } from './fake-server';
import { renderPage } from './render';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');

function devicesServer(list: DeviceRow[]) {
  return { 'GET /api/v1/admin/devices': () => ({ body: { devices: list } }) };
}

function rows(): HTMLElement[] {
  return screen.getAllByRole('row').slice(1);
}

describe('devices page', () => {
  afterEach(cleanup);

  it('lists active devices first with collector, role, last sync and records received', async () => {
    const list = [
      device({ deviceId: 'dev-c', collector: '周敏', revokedAt: '2026-11-20T08:00:00.000Z', headSeq: 40 }),
      device({ deviceId: 'dev-b', collector: '李娜', role: 'inspector', label: '暗访平板', headSeq: 7 }),
      device({ deviceId: 'dev-a', collector: '陈刚', lastBatchAt: null, headSeq: 0 }),
      device({ deviceId: 'dev-x', collector: '别的活动', campaignId: 'other' }),
    ];
    renderPage(<DevicesPage now={() => NOW} />, devicesServer(list));
    await screen.findByText('周敏');
    expect(rows().map((r) => r.getAttribute('data-device'))).toEqual(['dev-b', 'dev-a', 'dev-c']);
    const [b, a, c] = rows();
    expect(b!.textContent).toContain('暗访员');
    expect(b!.textContent).toContain('7');
    expect(a!.textContent).toContain('尚未同步');
    expect(c!.textContent).toContain('已撤销');
    expect(within(c!).queryByRole('button', { name: '撤销' })).toBeNull();
    expect(screen.getByText('共 3 台设备，2 台使用中')).toBeTruthy();
  });

  it('marks a device that has not synced for a day', async () => {
    renderPage(<DevicesPage now={() => NOW} />, devicesServer([device({ lastBatchAt: '2026-11-19T12:00:00.000Z' })]));
    expect(await screen.findByText('超过 24 小时未同步')).toBeTruthy();
  });

  it('revokes only after the confirmation, then reloads the list', async () => {
    let revoked: string | null = null;
    const { server } = renderPage(<DevicesPage now={() => NOW} />, {
      'GET /api/v1/admin/devices': () => ({
        body: { devices: [device({ deviceId: 'dev-1', label: '平板 1', collector: '李娜', headSeq: 12, revokedAt: revoked })] },
      }),
      'POST /api/v1/admin/devices/dev-1/revoke': () => {
        revoked = '2026-11-21T12:00:00.000Z';
        return { body: device({ deviceId: 'dev-1', revokedAt: revoked }) };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: '撤销' }));
    const dialog = screen.getByRole('dialog', { name: '撤销设备' });
    expect(dialog.textContent).toContain('确定撤销设备“平板 1”（采集人 李娜）吗？');
    expect(dialog.textContent).toContain('12 条记录全部保留');
    // Cancel first: nothing is sent.
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls('POST', '/api/v1/admin/devices/dev-1/revoke')).toHaveLength(0);
    // Then confirm.
    fireEvent.click(screen.getByRole('button', { name: '撤销' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确认撤销' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.calls('POST', '/api/v1/admin/devices/dev-1/revoke')).toHaveLength(1);
    await waitFor(() => expect(rows()[0]!.textContent).toContain('已撤销'));
  });

  it('keeps the dialog open with the server’s reason when revoking fails', async () => {
    renderPage(<DevicesPage now={() => NOW} />, {
      'GET /api/v1/admin/devices': () => ({ body: { devices: [device({ deviceId: 'dev-9' })] } }),
      'POST /api/v1/admin/devices/dev-9/revoke': () => ({ status: 404, body: { error: 'not-found', message: 'There is no device "dev-9".' } }),
    });
    fireEvent.click(await screen.findByRole('button', { name: '撤销' }));
    fireEvent.click(screen.getByRole('button', { name: '确认撤销' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('not-found');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('issues an enrollment code and shows it large with a QR code that scans to the enroll link', async () => {
    const { server } = renderPage(<DevicesPage now={() => NOW} />, {
      'GET /api/v1/admin/devices': () => ({ body: { devices: [] } }),
      'POST /api/v1/admin/enrollment-codes': () => ({ status: 201, body: { code: 'K7QX29MD', expiresAt: '2026-11-22T12:00:00.000Z' } }),
    });
    fireEvent.click(await screen.findByRole('button', { name: '发放登记码' }));
    fireEvent.click(screen.getByRole('button', { name: '生成登记码' }));
    expect((await screen.findByRole('alert')).textContent).toContain('请填写采集人');
    fireEvent.click(screen.getByLabelText('暗访员'));
    fireEvent.input(screen.getByLabelText('采集人（姓名或编号）'), { target: { value: ' 李娜 ' } });
    fireEvent.input(screen.getByLabelText('有效时间（小时）'), { target: { value: '48' } });
    fireEvent.click(screen.getByRole('button', { name: '生成登记码' }));
    expect((await screen.findByTestId('enroll-code')).textContent).toBe('K7QX 29MD');
    expect(server.calls('POST', '/api/v1/admin/enrollment-codes')[0]!.body).toEqual({ campaignId: 'demo', role: 'inspector', collector: '李娜', ttlHours: 48 });

    // The QR code drawn on screen decodes to the enroll link carrying the server and the code.
    const svg = screen.getByRole('img', { name: '登记二维码' });
    const n = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    const scale = 4;
    const data = new Uint8ClampedArray(n * scale * n * scale * 4).fill(255);
    for (const m of svg
      .querySelector('path')!
      .getAttribute('d')!
      .matchAll(/M(\d+),(\d+)/g)) {
      const [x, y] = [Number(m[1]), Number(m[2])];
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const p = ((y * scale + dy) * n * scale + x * scale + dx) * 4;
          data[p] = data[p + 1] = data[p + 2] = 0;
        }
    }
    const decoded = jsQR(data, n * scale, n * scale)?.data;
    expect(decoded).toBe(`${location.origin}/#/enroll?server=${encodeURIComponent(location.origin)}&code=K7QX29MD`);
  });
});
