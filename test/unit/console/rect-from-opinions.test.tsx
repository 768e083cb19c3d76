import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { OpinionsPage } from '../../../src/ui/console/opinions/OpinionsPage';
import type { OpinionRow, OpinionsAnswer } from '../../../src/ui/console/api-types';
import { itemDraftOf } from '../../../src/ui/console/opinions/to-item';
import { CAMPAIGN } from './fake-server';
import { renderPage } from './render';

const h = (c: string) => c.repeat(64);
const row = (over: Partial<OpinionRow>): OpinionRow => ({
  ref: h('a'),
  hash: h('a'),
  item: null,
  source: 'comment',
  unitId: 'brigade1',
  dimensionId: null,
  category: null,
  text: '窗口排队太久',
  at: '2026-11-21T02:00:00.000Z',
  severity: null,
  amended: false,
  tags: [],
  note: null,
  decidedAt: null,
  decidedBy: null,
  ...over,
});

const ROWS: OpinionRow[] = [
  row({}),
  // Two opinions of one forum: one source record.
  row({ ref: `${h('b')}/0`, hash: h('b'), item: 0, source: 'forum', text: '执法人员态度生硬' }),
  row({ ref: `${h('b')}/1`, hash: h('b'), item: 1, source: 'forum', text: '罚款标准不公开' }),
  row({
    ref: h('c'),
    hash: h('c'),
    source: 'finding',
    text: null,
    category: 'bribe,fees',
    severity: 'grave',
    sealed: { ids: ['x'], alg: 'a', enc: 'e', ct: 'c' },
  }),
  row({ ref: h('d'), hash: h('d'), unitId: 'office', text: '办公室电话无人接' }),
];
const ANSWER: OpinionsAnswer = { campaignId: 'demo', rows: ROWS, counts: { byUnit: {}, byTag: {} } };

function renderOpinions() {
  return renderPage(<OpinionsPage campaignKey={null} onKey={() => {}} />, {
    'GET /api/v1/admin/campaigns/demo/opinions': () => ({ body: ANSWER }),
    'POST /api/v1/admin/campaigns/demo/rectifications': () => ({ status: 201, body: { id: '0190a0a0-0000-7000-8000-000000000001' } }),
  });
}

const choose = (text: string) => {
  const tr = screen.getByText(text).closest('tr')!;
  fireEvent.click(within(tr).getByRole('checkbox'));
};

describe('意见梳理 → 生成整改事项', () => {
  afterEach(cleanup);

  it('fills the item form with the chosen rows’ unit, texts and source records, and creates the item as given', async () => {
    const { server } = renderOpinions();
    await screen.findByText('窗口排队太久');
    choose('窗口排队太久');
    choose('执法人员态度生硬');
    choose('罚款标准不公开');
    fireEvent.click(screen.getByRole('button', { name: '生成整改事项（已选 3 条）' }));

    const dialog = await screen.findByRole('dialog', { name: '新建整改项' });
    const form = within(dialog);
    expect((form.getByRole('combobox', { name: '被评单位' }) as HTMLSelectElement).value).toBe('brigade1');
    expect((form.getByRole('textbox', { name: '问题' }) as HTMLTextAreaElement).value).toBe('1. 窗口排队太久\n2. 执法人员态度生硬\n3. 罚款标准不公开');
    // The forum's two opinions come from one record: two sources, not three.
    expect((form.getByRole('textbox', { name: /来源记录/ }) as HTMLTextAreaElement).value).toBe(`${h('a')}\n${h('b')}`);
    expect(dialog.textContent).toContain('来源记录 2 条');

    fireEvent.input(form.getByRole('textbox', { name: '整改措施' }), { target: { value: '增设窗口' } });
    fireEvent.input(form.getByLabelText('整改期限'), { target: { value: '2026-12-31' } });
    fireEvent.click(form.getByRole('button', { name: '保存' }));

    await screen.findByText('已生成整改项，可在“整改”页查看。');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls('POST', '/api/v1/admin/campaigns/demo/rectifications').map((c) => c.body)).toEqual([
      {
        unitId: 'brigade1',
        problem: '1. 窗口排队太久\n2. 执法人员态度生硬\n3. 罚款标准不公开',
        sources: [h('a'), h('b')],
        measures: '增设窗口',
        deadline: '2026-12-31',
      },
    ]);
    // The choice is cleared once the item is made.
    expect(screen.getByRole('button', { name: '生成整改事项（已选 0 条）' })).toBeTruthy();
  });

  it('names a sealed finding by its categories and severity, and leaves the unit to choose when the rows name several', async () => {
    renderOpinions();
    await screen.findByText('办公室电话无人接');
    choose('办公室电话无人接');
    const finding = screen.getAllByRole('row').find((r) => r.getAttribute('data-ref') === h('c'))!;
    fireEvent.click(within(finding).getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: /生成整改事项/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('所选意见涉及多个单位（局办公室、执法一大队）');
    expect((within(dialog).getByRole('combobox', { name: '被评单位' }) as HTMLSelectElement).value).toBe('');
    expect((within(dialog).getByRole('textbox', { name: '问题' }) as HTMLTextAreaElement).value).toBe(
      '1. 办公室电话无人接\n2. 明察暗访 · 吃拿卡要、乱收费、乱罚款、乱摊派 · 严重',
    );
  });

  it('asks to choose rows first', async () => {
    const { server } = renderOpinions();
    await screen.findByText('窗口排队太久');
    fireEvent.click(screen.getByRole('button', { name: /生成整改事项/ }));
    expect(screen.getAllByRole('alert').some((a) => a.textContent === '请先在表中选择意见。')).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls('POST', '/api/v1/admin/campaigns/demo/rectifications')).toEqual([]);
  });

  it('keeps a long problem within what an item holds, never cutting a character in two', () => {
    const long = '𠀀'.repeat(1500); // 3,000 UTF-16 units
    const draft = itemDraftOf([row({ text: long })], CAMPAIGN, (s) => s);
    expect(draft.problem!.length).toBe(2000);
    expect(/[\uD800-\uDBFF]$/.test(draft.problem!)).toBe(false);
    const odd = itemDraftOf([row({ text: 'x' + long })], CAMPAIGN, (s) => s);
    expect(odd.problem!.length).toBe(1999);
  });
});
