import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import type { UnitRectCounts } from '../../../src/domain/rectification';
import { FillManual } from '../../../src/ui/console/rect/FillManual';
import { renderPage } from './render';

const counts = (unitId: string, total: number, verified: number, closed: number): UnitRectCounts => ({
  unitId,
  total,
  open: total - verified - closed,
  answered: 0,
  verified,
  closed,
  overdue: 0,
  maxDaysOverdue: 0,
  completionRate: (verified + closed) / total,
});
const COUNTS = [counts('brigade1', 3, 1, 1), counts('brigade2', 1, 0, 0)];
const FILL = 'POST /api/v1/admin/campaigns/demo/manual-scores/from-rectification';

describe('整改 page: a manual part from the completion rate', () => {
  afterEach(cleanup);

  it('offers the manual parts and the units with items, asks for a reason, and sends the choice, never a figure', async () => {
    let done = '';
    const { server } = renderPage(<FillManual counts={COUNTS} onDone={(n) => (done = n)} />, {
      [FILL]: () => ({ body: { scores: {}, bonusRanking: [], version: 4 } }),
    });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['日常考评', '网络测评']);
    expect(screen.getAllByRole('checkbox').map((c) => c.parentElement!.textContent)).toEqual(['执法一大队：66.67%（2/3）', '执法二大队：0%（0/1）']);
    fireEvent.click(screen.getByRole('button', { name: '按完成率填入' }));
    expect((await screen.findByRole('alert')).textContent).toBe('请写明理由。');
    expect(screen.getByRole('textbox', { name: '理由（记入操作记录）' }).getAttribute('aria-invalid')).toBe('true');
    expect(server.calls('POST', FILL.slice(5))).toEqual([]);

    fireEvent.click(screen.getByRole('checkbox', { name: /执法二大队/ }));
    fireEvent.input(screen.getByRole('textbox', { name: '理由（记入操作记录）' }), { target: { value: ' 整改落实按完成率计 ' } });
    fireEvent.click(screen.getByRole('button', { name: '按完成率填入' }));
    await screen.findByRole('button', { name: '按完成率填入' });
    await new Promise((r) => setTimeout(r, 50));
    expect(server.calls('POST', FILL.slice(5)).map((c) => c.body)).toEqual([{ part: 'daily', units: ['brigade1'], reason: '整改落实按完成率计' }]);
    expect(done).toBe('已将 1 个单位的“日常考评”按整改完成率填入（人工评分第 4 版）。');
  });

  it('asks for a unit when none is chosen, in English too', async () => {
    renderPage(<FillManual counts={COUNTS} onDone={() => {}} />, {}, { lang: 'en' });
    for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
    fireEvent.input(screen.getByRole('textbox'), { target: { value: 'why' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fill from the completion rate' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one unit.');
    // The reason was given: the problem is not the reason box's.
    expect(screen.getByRole('textbox').getAttribute('aria-invalid')).toBeNull();
  });

  it('is not offered when no unit has an item', () => {
    renderPage(<FillManual counts={[]} onDone={() => {}} />, {});
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByText('用整改完成率计人工分')).toBeNull();
  });
});
