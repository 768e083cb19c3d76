import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { RectPage } from '../../../src/ui/console/rect/RectPage';
import type { RectItemView, RectList } from '../../../src/ui/console/api-types';
import { COORDINATOR } from './fake-server';
import { renderPage } from './render';

const ID = '0190a0a0-0000-7000-8000-000000000001';
const item = (over: Partial<RectItemView>): RectItemView => ({
  id: ID,
  campaignId: 'demo',
  unitId: 'brigade1',
  problem: '执法态度粗暴',
  sources: [],
  measures: '文明执法培训',
  responsible: '王队长',
  deadline: '2026-12-31',
  createdAt: '2026-11-21T02:00:00.000Z',
  createdBy: 'wang.li',
  status: 'open',
  overdue: false,
  daysOverdue: 0,
  answers: [],
  followups: [],
  ...over,
});
const LIST: RectList = {
  items: [
    item({}),
    item({ id: ID.replace(/1$/, '2'), problem: '已办结', status: 'closed', closedAt: '2026-11-22T02:00:00.000Z', closedBy: 'wang.li', closeReason: '已核实' }),
  ],
  units: [],
};
const PATCH = `/api/v1/admin/campaigns/demo/rectifications/${ID}`;

function renderRect(me = undefined as never) {
  let list = LIST;
  return renderPage(
    <RectPage />,
    {
      'GET /api/v1/admin/campaigns/demo/rectifications': () => ({ body: list }),
      'GET /api/v1/admin/campaigns/demo/unit-accounts': () => ({ body: { accounts: [] } }),
      [`PATCH ${PATCH}`]: (req) => {
        const change = req.body as Partial<RectItemView>;
        list = { ...list, items: [item({ ...change }), list.items[1]!] };
        return { body: { id: ID } };
      },
    },
    me ? { me } : {},
  );
}

describe('整改 page: changing an open item', () => {
  afterEach(cleanup);

  it('opens the item in its form, sends only what changed, and shows the item as changed', async () => {
    const { server } = renderRect();
    await screen.findByText('执法态度粗暴');
    // A closed item takes no change: only the open one offers it.
    expect(screen.getAllByRole('button', { name: /^修改整改项/ })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '修改整改项：执法态度粗暴' }));
    const dialog = within(await screen.findByRole('dialog', { name: '修改整改项' }));
    // The unit is shown, never offered for change.
    expect(dialog.queryByRole('combobox')).toBeNull();
    expect(dialog.getByText('被评单位：执法一大队')).toBeTruthy();
    expect((dialog.getByLabelText('整改期限') as HTMLInputElement).value).toBe('2026-12-31');
    fireEvent.input(dialog.getByLabelText('整改期限'), { target: { value: '2027-01-31' } });
    fireEvent.input(dialog.getByRole('textbox', { name: '责任人' }), { target: { value: ' 李副队长 ' } });
    fireEvent.input(dialog.getByRole('textbox', { name: '整改措施' }), { target: { value: '' } });
    fireEvent.click(dialog.getByRole('button', { name: '保存修改' }));
    await screen.findByText('已保存对整改项的修改。');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls('PATCH', PATCH).map((c) => c.body)).toEqual([{ measures: '', responsible: '李副队长', deadline: '2027-01-31' }]);
    expect(await screen.findByText('李副队长')).toBeTruthy();
  });

  it('sends nothing when nothing changed', async () => {
    const { server } = renderRect();
    fireEvent.click(await screen.findByRole('button', { name: /^修改整改项/ }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '保存修改' }));
    await screen.findByText('已保存对整改项的修改。');
    expect(server.calls('PATCH', PATCH)).toEqual([]);
  });

  it('shows the server’s refusal in the dialog and keeps it open', async () => {
    const { server } = renderPage(<RectPage />, {
      'GET /api/v1/admin/campaigns/demo/rectifications': () => ({ body: LIST }),
      'GET /api/v1/admin/campaigns/demo/unit-accounts': () => ({ body: { accounts: [] } }),
      [`PATCH ${PATCH}`]: () => ({ status: 409, body: { error: 'item-closed', message: 'The item is closed.' } }),
    });
    fireEvent.click(await screen.findByRole('button', { name: /^修改整改项/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.input(within(dialog).getByLabelText('整改期限'), { target: { value: '2027-02-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存修改' }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(server.calls('PATCH', PATCH)).toHaveLength(1);
  });

  it('is not offered to a coordinator', async () => {
    renderRect(COORDINATOR as never);
    await screen.findByText('执法态度粗暴');
    expect(screen.queryByRole('button', { name: /^修改整改项/ })).toBeNull();
  });
});
