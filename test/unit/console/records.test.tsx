import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { RecordsPage, localDay } from '../../../src/ui/console/records/RecordsPage';
import type { ReceivedRecord } from '../../../src/ui/console/api-types';
import type { PingyiRecord } from '../../../src/domain/records';
import { device } from './fake-server';
import { renderPage } from './render';

function f2f(seq: number, collector: string, sealedAt: string, unitId = 'brigade1'): ReceivedRecord {
  const record: PingyiRecord = {
    v: 1,
    type: 'f2f',
    id: `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    campaignId: 'demo',
    deviceId: `dev-${collector}`,
    seq,
    prev: '0'.repeat(64),
    collector,
    createdAt: sealedAt,
    sealedAt,
    body: {
      unitId,
      raterGroup: 'client',
      channel: 'stall',
      ratings: { openness: 'very', lawful: 'unknown' },
      overall: 'fairly',
      checks: { bribe: false },
      comment: '窗口服务态度好',
      durationMs: 95_000,
    },
  };
  return { hash: String(seq).padStart(64, 'c'), receivedAt: '2026-11-21T10:00:00.000Z', record };
}

const PAGE1 = [f2f(1, '李娜', '2026-11-20T02:00:00.000Z'), f2f(2, '周敏', '2026-11-20T03:00:00.000Z'), f2f(3, '李娜', '2026-11-21T02:00:00.000Z')];
const PAGE2 = [f2f(4, '陈刚', '2026-11-21T05:00:00.000Z', 'office')];

function routes() {
  return {
    'GET /api/v1/admin/records': (req: { query: URLSearchParams }) => {
      if (req.query.get('type') === 'visit') return { body: { records: [], next: null } };
      return req.query.get('after') === '2' ? { body: { records: PAGE2, next: null } } : { body: { records: PAGE1, next: 2 } };
    },
    'GET /api/v1/admin/devices': () => ({ body: { devices: [device({ collector: '李娜' })] } }),
  };
}

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('records page', () => {
  afterEach(cleanup);

  it('pages with the server cursor, forward and back', async () => {
    const { server } = renderPage(<RecordsPage />, routes());
    await screen.findByText('第 1 页');
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(screen.getByText('第 2 页')).toBeTruthy();
    expect(bodyRows()[0]!.textContent).toContain('局办公室');
    expect((screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    const afters = server.calls('GET', '/api/v1/admin/records').map((c) => c.query.get('after'));
    expect(afters).toEqual([null, '2', null]);
  });

  it('filters type on the server and collector and day within the page', async () => {
    const { server } = renderPage(<RecordsPage />, routes());
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    fireEvent.input(screen.getByLabelText('采集人'), { target: { value: '李娜' } });
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    fireEvent.input(screen.getByLabelText('日期'), { target: { value: localDay('2026-11-21T02:00:00.000Z') } });
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(screen.getByText('本页 3 条中有 1 条符合采集人和日期筛选。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('类型'), { target: { value: 'visit' } });
    await screen.findByText('没有符合条件的记录。');
    expect(server.calls('GET', '/api/v1/admin/records').at(-1)!.query.get('type')).toBe('visit');
  });

  it('opens a record with its body in the campaign’s words', async () => {
    renderPage(<RecordsPage />, routes());
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    fireEvent.click(bodyRows()[1]!);
    const dialog = screen.getByRole('dialog');
    for (const text of [
      '执法一大队',
      '服务对象',
      '设点咨询',
      '较满意',
      '信息公开：满意',
      '依法办事：不了解',
      '是否遇到吃拿卡要：否',
      '窗口服务态度好',
      '1 分 35 秒',
      '周敏',
    ]) {
      expect(dialog.textContent).toContain(text);
    }
  });
});
