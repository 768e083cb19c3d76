import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { ReviewPage } from '../../../src/ui/console/review/ReviewPage';
import { TallyPage } from '../../../src/ui/console/tally/TallyPage';
import type { ReviewItem } from '../../../src/ui/console/api-types';
import { computeTally, accumulate } from '../../../src/domain/scoring';
import { CAMPAIGN, signedTally } from './fake-server';
import { renderPage } from './render';

const item = (deviceId: string, seq: number, over: Partial<ReviewItem> = {}): ReviewItem => ({
  hash: `${deviceId}-${seq}`.padEnd(64, '0'),
  logIndex: seq,
  deviceId,
  seq,
  collector: deviceId === 'dev-a' ? '李娜' : '周敏',
  unitId: 'office',
  createdAt: `2026-11-21T0${seq % 10}:00:00.000Z`,
  sealedAt: `2026-11-21T0${seq % 10}:00:00.000Z`,
  receivedAt: '2026-11-21T10:00:00.000Z',
  reasons: ['burst'],
  state: 'held',
  ...over,
});

function reviewRoutes(held: ReviewItem[]) {
  let list = held;
  return {
    routes: {
      'GET /api/v1/admin/campaigns/demo/review': (req: { query: URLSearchParams }) => ({
        body: { records: list.filter((i) => i.state === req.query.get('state')), next: null },
      }),
      'POST /api/v1/admin/campaigns/demo/review': (req: { body: any }) => {
        const decided =
          req.body.hashes ?? list.filter((i) => i.deviceId === req.body.deviceId && i.seq >= req.body.fromSeq && i.seq <= req.body.toSeq).map((i) => i.hash);
        list = list.map((i) => (decided.includes(i.hash) ? { ...i, state: req.body.decision === 'accept' ? 'accepted' : 'excluded' } : i));
        return { body: { decided: decided.length } };
      },
      'GET /api/v1/admin/campaigns/demo/data-quality': () => ({
        body: {
          campaignId: 'demo',
          collectors: [],
          devices: [
            {
              deviceId: 'dev-a',
              collectors: ['李娜'],
              questionnaires: 300,
              perActiveHour: 300,
              maxPerHour: 300,
              durationMs: null,
              bursts: [],
              identicalPatterns: [],
              flags: ['overlapping-times', 'impossible-spacing', 'held'],
              held: 3,
            },
            {
              deviceId: 'dev-b',
              collectors: ['周敏'],
              questionnaires: 20,
              perActiveHour: 4,
              maxPerHour: 5,
              durationMs: null,
              bursts: [],
              identicalPatterns: [],
              flags: [],
            },
          ],
        },
      }),
    },
  };
}

describe('审核 page', () => {
  afterEach(cleanup);

  it('lists held questionnaires by device with why each is held, and flags the device', async () => {
    const { routes } = reviewRoutes([item('dev-a', 10), item('dev-a', 11, { reasons: ['daily-cap', 'burst'] }), item('dev-b', 4)]);
    renderPage(<ReviewPage />, routes);
    const a = await screen.findByRole('table', { name: '设备 dev-a' });
    const rows = within(a).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-hash')!.slice(0, 9))).toEqual(['dev-a-100', 'dev-a-110']);
    expect(rows[1]!.textContent).toContain('超过每台设备每日 200 份上限；5 分钟内封存 10 份以上');
    expect(rows[0]!.textContent).toContain('待审');
    expect(screen.getByRole('table', { name: '设备 dev-b' })).toBeTruthy();
    const flagged = await screen.findByRole('list', { name: '数据质量提示' });
    expect(
      within(flagged)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-device')),
    ).toEqual(['dev-a']);
    expect(flagged.textContent).toContain('答卷时间相互重叠');
    expect(flagged.textContent).toContain('封存间隔短于答卷用时');
  });

  it('filters by collector, and excludes the chosen ones only with a reason', async () => {
    const { routes } = reviewRoutes([item('dev-a', 10), item('dev-a', 11), item('dev-b', 4)]);
    const { server } = renderPage(<ReviewPage />, routes);
    await screen.findByRole('table', { name: '设备 dev-a' });
    fireEvent.change(screen.getByLabelText('采集人'), { target: { value: '周敏' } });
    expect(screen.queryByRole('table', { name: '设备 dev-a' })).toBeNull();
    fireEvent.change(screen.getByLabelText('采集人'), { target: { value: '' } });
    fireEvent.click(within(screen.getByRole('table', { name: '设备 dev-a' })).getByLabelText('序号 11'));
    expect(screen.getByText('已选 1 份')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '剔除' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '确认' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('请写明理由。');
    expect(server.calls('POST', '/api/v1/admin/campaigns/demo/review')).toHaveLength(0);
    fireEvent.input(within(dialog).getByLabelText('理由（必填）'), { target: { value: '电话回访不实' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认' }));
    await screen.findByText('已处理 1 份问卷，统计已更新。');
    expect(server.calls('POST', '/api/v1/admin/campaigns/demo/review')[0]!.body).toEqual({
      decision: 'exclude',
      hashes: [item('dev-a', 11).hash],
      reason: '电话回访不实',
    });
    await waitFor(() => expect(within(screen.getByRole('table', { name: '设备 dev-a' })).getAllByRole('row')).toHaveLength(2));
  });

  it('accepts a device range with a reason', async () => {
    const { routes } = reviewRoutes([item('dev-a', 10), item('dev-a', 11), item('dev-a', 12)]);
    const { server } = renderPage(<ReviewPage />, routes);
    const a = await screen.findByRole('table', { name: '设备 dev-a' });
    fireEvent.click(within(a.closest('section')!).getByRole('button', { name: '按序号区间处理' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('起始序号') as HTMLInputElement).value).toBe('10');
    expect((within(dialog).getByLabelText('结束序号') as HTMLInputElement).value).toBe('12');
    fireEvent.input(within(dialog).getByLabelText('结束序号'), { target: { value: '11' } });
    fireEvent.change(within(dialog).getByLabelText('决定'), { target: { value: 'accept' } });
    fireEvent.input(within(dialog).getByLabelText('理由（必填）'), { target: { value: '核实为集中座谈' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认' }));
    await screen.findByText('已处理 2 份问卷，统计已更新。');
    expect(server.calls('POST', '/api/v1/admin/campaigns/demo/review')[0]!.body).toEqual({
      decision: 'accept',
      deviceId: 'dev-a',
      fromSeq: 10,
      toSeq: 11,
      reason: '核实为集中座谈',
    });
  });
});

describe('审核 page over more than one page', () => {
  afterEach(cleanup);

  it("pages through the held questionnaires with the server's cursor, and back", async () => {
    // Five held; this server answers at most three a page (never more than the page asks) and a cursor.
    const held = Array.from({ length: 5 }, (_, i) => item(i < 4 ? 'dev-a' : 'dev-b', i + 1, { logIndex: i + 1 }));
    const routes = {
      'GET /api/v1/admin/campaigns/demo/review': (req: { query: URLSearchParams }) => {
        const after = Number(req.query.get('after') ?? 0);
        const page = held.filter((i) => i.logIndex > after).slice(0, Math.min(3, Number(req.query.get('limit'))));
        const more = held.some((i) => i.logIndex > page[page.length - 1]!.logIndex);
        return { body: { records: page, next: more ? page[page.length - 1]!.logIndex : null } };
      },
      'GET /api/v1/admin/campaigns/demo/data-quality': () => ({ body: { campaignId: 'demo', collectors: [], devices: [] } }),
    };
    const { server } = renderPage(<ReviewPage />, routes);
    const rowsOf = (device: string) => within(screen.getByRole('table', { name: `设备 ${device}` })).getAllByRole('row').length - 1;
    await screen.findByRole('table', { name: '设备 dev-a' });
    expect(rowsOf('dev-a')).toBe(3);
    expect(screen.queryByRole('table', { name: '设备 dev-b' })).toBeNull();
    expect(screen.getByText('第 1 页（每页 1000 份；筛选只作用于本页）')).toBeTruthy();
    expect((screen.getByRole('button', { name: '上一页' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await screen.findByRole('table', { name: '设备 dev-b' });
    expect([rowsOf('dev-a'), rowsOf('dev-b')]).toEqual([1, 1]);
    expect(screen.getByText('第 2 页（每页 1000 份；筛选只作用于本页）')).toBeTruthy();
    expect((screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);
    expect(server.calls('GET', '/api/v1/admin/campaigns/demo/review').map((c) => c.query.get('after'))).toEqual([null, '3']);
    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    await waitFor(() => expect(screen.queryByRole('table', { name: '设备 dev-b' })).toBeNull());
    expect(rowsOf('dev-a')).toBe(3);
  });
});

describe('tally page while questionnaires are held', () => {
  afterEach(cleanup);

  it('says 暂定 and shows counted, held and excluded per unit', async () => {
    const counts = new Map([['office', { counted: 12, held: 291, excluded: 3 }]]);
    const tally = computeTally(
      CAMPAIGN,
      accumulate([]),
      { scores: {}, bonusRanking: [] },
      { campaignVersion: 1, campaignHash: 'cd'.repeat(32), computedAt: '2026-11-21T09:30:00.000Z', logSize: 9, logRoot: 'ab'.repeat(32) },
      {},
      counts,
    );
    const { signed, serverKey } = await signedTally(tally);
    renderPage(<TallyPage />, {
      'GET /api/v1/admin/campaigns/demo/tally': () => ({ body: signed }),
      'GET /api/v1/server-key': () => ({ body: serverKey }),
      'GET /api/v1/admin/campaigns/demo/manual-scores': () => ({ body: { scores: {}, bonusRanking: [] } }),
    });
    const banner = await screen.findByTestId('provisional');
    expect(banner.textContent).toContain('暂定');
    expect(banner.textContent).toContain('尚有 291 份问卷待审核');
    expect(screen.getByTestId('counts-office').textContent).toBe('计入 12待审 291剔除 3');
  });

  it('says nothing provisional when nothing is held', async () => {
    const { signed, serverKey } = await signedTally();
    renderPage(<TallyPage />, {
      'GET /api/v1/admin/campaigns/demo/tally': () => ({ body: signed }),
      'GET /api/v1/server-key': () => ({ body: serverKey }),
      'GET /api/v1/admin/campaigns/demo/manual-scores': () => ({ body: { scores: {}, bonusRanking: [] } }),
    });
    await screen.findByRole('table', { name: '统计与排名' });
    expect(screen.queryByTestId('provisional')).toBeNull();
  });
});
