import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { validateRecord } from '../../../src/domain/validate';
import ForumScreen from '../../../src/ui/forms/forum/ForumScreen';
import { closeHarness, lookupIn, makeHarness, renderWith, type Harness } from './harness';
import { button, option, question } from './queries';

let h: Harness | undefined;
afterEach(async () => {
  cleanup();
  await closeHarness(h);
  h = undefined;
});
const tap = (el: HTMLElement) => fireEvent.click(el);
const type = (label: string, value: string) => {
  const el = document.querySelector<HTMLElement>(`input[aria-label="${label}"], textarea[aria-label="${label}"]`);
  if (!el) throw new Error(`no field ${label}`);
  fireEvent.input(el, { target: { value } });
};

describe('座谈会', () => {
  it('names what is missing, including an opinion without text, and seals the exact body', async () => {
    h = makeHarness();
    const { db } = h;
    renderWith(h, <ForumScreen params={{}} />);
    await screen.findByText('参会被评单位');
    tap(button('提交/封存'));
    expect((await screen.findByText(/^还缺：/)).textContent).toBe('还缺：参会被评单位、会议名称、地点');

    tap(option(question('参会被评单位'), '执法一大队'));
    tap(option(question('参会被评单位'), '局办公室'));
    type('会议名称', '服务对象座谈会');
    type('地点', '局三楼会议室');
    const counters = document.querySelectorAll<HTMLElement>('.counter');
    expect(counters).toHaveLength(3);
    tap(counters[1]!.querySelector<HTMLElement>('[aria-label="加一"]')!); // 群众代表 +1
    tap(counters[1]!.querySelector<HTMLElement>('[aria-label="加一"]')!);
    tap(button('+ 记一条意见'));
    tap(button('+ 记一条意见'));
    const first = question('第 1 条');
    tap(option(first, '建议'));
    tap(option(first, '执法一大队'));
    fireEvent.change(first.querySelector('select')!, { target: { value: 'efficiency' } });
    type('第 1 条意见的内容', '周末也应开放审批窗口');
    tap(button('提交/封存'));
    await waitFor(() => expect(screen.getByText(/^还缺：/).textContent).toBe('还缺：第 2 条意见的内容'));
    expect(question('第 2 条').getAttribute('aria-invalid')).toBe('true');
    tap(button('删除 第 2 条'));
    await waitFor(() => expect(screen.queryByText(/^还缺：/)).toBeNull());
    // Dropping a unit from the forum also drops it from the opinions that named it.
    tap(option(question('参会被评单位'), '局办公室'));
    tap(option(question('参会被评单位'), '局办公室'));
    tap(button('提交/封存'));
    await waitFor(async () => expect(await db.records.count()).toBe(1));
    const r = (await db.records.toArray())[0]!.record;
    expect(r.type).toBe('forum');
    expect(r.body).toEqual({
      unitIds: ['office', 'brigade1'],
      title: '服务对象座谈会',
      heldAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      place: '局三楼会议室',
      attendees: { public: 2 },
      opinions: [{ kind: 'suggestion', unitId: 'brigade1', dimensionId: 'efficiency', text: '周末也应开放审批窗口' }],
    });
    expect(validateRecord(r, DEMO_CAMPAIGN, await lookupIn(db, r.seq))).toBeNull();
    expect(await db.drafts.count()).toBe(0);
    const hash = (await db.records.toArray())[0]!.hash;
    expect((await screen.findByTestId('sealed-note')).textContent).toContain(`已封存 · 编号 ${hash.slice(0, 6).toUpperCase()}`);
    // The buttons take no tap for a moment (a doubled seal tap lands here), then work.
    expect((button('查看记录') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect((button('查看记录') as HTMLButtonElement).disabled).toBe(false), { timeout: 3000 });
    tap(button('查看记录'));
    expect(h.navigate).toHaveBeenCalledWith(`/records/${(await db.records.toArray())[0]!.hash}`);
  });

  it('clears an opinion’s unit when that unit leaves the forum', async () => {
    h = makeHarness();
    const { db } = h;
    renderWith(h, <ForumScreen params={{}} />);
    await screen.findByText('参会被评单位');
    tap(option(question('参会被评单位'), '督查科'));
    tap(button('+ 记一条意见'));
    tap(option(question('第 1 条'), '督查科'));
    tap(option(question('参会被评单位'), '督查科'));
    await waitFor(async () => {
      const d = (await db.drafts.toArray())[0]!;
      expect(d.body.unitIds).toBeUndefined();
      expect(d.body.opinions).toEqual([{ kind: 'opinion', text: '' }]);
    });
  });
});
