import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import type { PingyiDb, StoredRecord } from '../../../src/store/db';
import RecordsScreen from '../../../src/ui/screens/records/RecordsScreen';
import { correct, draftOf, f2fBody, forumBody, markReceived, Providers, seal, testDb, visitBody } from './fixtures';

configure({ asyncUtilTimeout: 5_000 });

const enrolled = { campaign: DEMO_CAMPAIGN, deviceId: 'local-1', collector: 'c1', practice: false, role: 'representative' as const };
let db: PingyiDb;
let recs: StoredRecord[];
beforeEach(async () => {
  db = testDb();
  recs = [];
  // An enrolled device's chain (practice records are never sent, so never 已发送).
  const o = { practice: false };
  for (let i = 0; i < 6; i++) recs.push(await seal(db, 'f2f', f2fBody(i < 2 ? 'law' : 'muck'), { ...o, day: '2026-11-19' }));
  recs.push(await seal(db, 'forum', forumBody(['office']), { ...o, day: '2026-11-20' }));
  recs.push(await seal(db, 'visit', visitBody('law'), { ...o, day: '2026-11-20' }));
  await markReceived(db, recs.slice(0, 3));
  await db.drafts.put(draftOf('visit', { unitId: 'approval' }, Date.UTC(2026, 10, 20, 6)));
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

const rows = () => screen.queryAllByTestId('record-row');
const count = () => screen.getByTestId('list-count').textContent;

function renderList(params: Record<string, string> = {}) {
  return render(
    <Providers db={db} session={enrolled}>
      <RecordsScreen params={params} />
    </Providers>,
  );
}

describe('RecordsScreen', () => {
  it('lists sealed records newest first, each linking to its detail', async () => {
    renderList();
    await waitFor(() => expect(rows().length).toBe(8));
    expect(count()).toBe('共 8 条记录');
    expect(rows()[0]!.getAttribute('href')).toBe(`#/records/${recs[7]!.hash}`);
    expect(rows()[0]!.textContent).toContain('明察暗访');
    expect(rows()[7]!.getAttribute('href')).toBe(`#/records/${recs[0]!.hash}`);
    expect(rows()[7]!.textContent).toContain('政策法规科');
  });

  it('shows which records a receipt covers, and turns the badges as receipts arrive', async () => {
    renderList();
    const badges = () => rows().map((r) => r.querySelector('.rec-badges')!.textContent);
    await waitFor(() => expect(badges()).toEqual([...Array(5).fill('未发送'), ...Array(3).fill('已发送')]));
    await markReceived(db, [recs[6]!]);
    await waitFor(() => expect(badges()).toEqual(['未发送', ...Array(7).fill('已发送')]));
  });

  it('marks an original that was corrected or voided', async () => {
    await correct(db, recs[1]!, 'amend', '总体评价录错', f2fBody('law', 'neutral'), { practice: false });
    await correct(db, recs[2]!, 'void', '重复录入', undefined, { practice: false });
    renderList();
    const row = (hash: string) => rows().find((r) => r.getAttribute('data-hash') === hash)!;
    await waitFor(() => expect(row(recs[1]!.hash).querySelector('[data-testid=badge-amended]')?.textContent).toBe('已更正'));
    await waitFor(() => expect(row(recs[2]!.hash).querySelector('[data-testid=badge-voided]')?.textContent).toBe('已作废'));
    expect(row(recs[0]!.hash).querySelector('[data-testid^=badge-]')).toBeNull();
  });

  it('filters by type, unit and sending with the chips and the unit picker', async () => {
    renderList();
    await waitFor(() => expect(rows().length).toBe(8));

    fireEvent.click(screen.getByRole('radio', { name: '面对面评议' }));
    await waitFor(() => expect(count()).toBe('共 6 条记录'));
    expect(location.hash).toBe('#/records?type=f2f');

    fireEvent.change(screen.getByLabelText('单位'), { target: { value: 'law' } });
    await waitFor(() => expect(count()).toBe('共 2 条记录'));

    fireEvent.click(screen.getByRole('radio', { name: '未发送' }));
    await waitFor(() => expect(count()).toBe('共 0 条记录'));
    expect(screen.getByText('没有符合条件的记录。')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: '已发送' }));
    await waitFor(() => expect(count()).toBe('共 2 条记录'));
    await waitFor(() => expect(rows().length).toBe(2));
  });

  it('filters by day', async () => {
    renderList();
    await waitFor(() => expect(rows().length).toBe(8));
    fireEvent.change(screen.getByLabelText('日期'), { target: { value: '2026-11-20' } });
    await waitFor(() => expect(count()).toBe('共 2 条记录'));
  });

  it('shows drafts when the filter asks for drafts, linking to resume them', async () => {
    renderList({ status: 'drafts' });
    await waitFor(() => expect(count()).toBe('共 1 份草稿'));
    const row = screen.getByTestId('draft-row');
    expect(row.getAttribute('href')).toMatch(/^#\/draft\//);
    expect(row.textContent).toContain('行政审批窗口');
    expect(rows().length).toBe(0);
  });

  it('renders only the rows in view of a long list', async () => {
    for (let i = 0; i < 60; i++) await seal(db, 'f2f', f2fBody('office'), { day: '2026-11-21' });
    renderList();
    await waitFor(() => expect(count()).toBe('共 68 条记录'));
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    // jsdom's window is 768px tall: about ten 76px rows plus the overscan, not 68.
    expect(screen.getAllByRole('listitem').length).toBeLessThan(30);
  });

  it('takes its filter from the route', async () => {
    renderList({ type: 'visit' });
    await waitFor(() => expect(count()).toBe('共 1 条记录'));
    expect(screen.getByRole('radio', { name: '明察暗访' }).getAttribute('aria-checked')).toBe('true');
  });
});
