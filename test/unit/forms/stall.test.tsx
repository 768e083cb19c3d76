import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CAMPAIGN, DEMO_CAMPAIGN_PRIVATE_JWK } from '../../../src/domain/demo-campaign';
import { validateRecord } from '../../../src/domain/validate';
import { decryptSealed } from '../../../src/platform/hpke';
import StallScreen from '../../../src/ui/forms/stall/StallScreen';
import { closeHarness, lookupIn, makeHarness, renderWith, useNodeRealm, type Harness } from './harness';
import { button, option, question } from './queries';

let h: Harness | undefined;
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await closeHarness(h);
  h = undefined;
});
const tap = (el: HTMLElement) => fireEvent.click(el);
const type = (label: string, value: string) => {
  const el = document.querySelector<HTMLElement>(`input[aria-label="${label}"], textarea[aria-label="${label}"]`);
  if (!el) throw new Error(`no field ${label}`);
  fireEvent.input(el, { target: { value } });
};

describe('设点咨询', () => {
  it('logs opening, visitors, complaints with confidential contacts and closing', async () => {
    useNodeRealm();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-07-04T01:00:00.000Z'));
    h = makeHarness();
    const { db } = h;
    renderWith(h, <StallScreen params={{}} />);
    await screen.findByText('设点地点');
    tap(button('提交/封存'));
    expect((await screen.findByText(/^还缺：/)).textContent).toBe('还缺：设点地点、参加单位、开始时间、收摊时间');

    type('设点地点', '人民广场东门');
    tap(option(question('参加单位'), '执法一大队'));
    tap(button('开始（现在）'));
    for (let i = 0; i < 3; i++) tap(button('+1'));
    tap(screen.getByRole('button', { name: '−1' })); // named by its visible text
    expect(document.querySelector('.visitors-count')!.textContent).toBe('2');
    tap(button('+ 记一条投诉'));
    tap(option(question('投诉 1'), '乱收费、乱罚款、乱摊派'));
    tap(button('+ 记一条投诉'));
    type('投诉 1 的内容', '占道经营罚款不开票');
    type('投诉人联系方式 1', '张先生 139****0000');
    tap(button('提交/封存'));
    await waitFor(() => expect(screen.getByText(/^还缺：/).textContent).toBe('还缺：收摊时间、投诉 2 的内容'));
    tap(button('删除 投诉 2'));
    vi.setSystemTime(new Date('2026-07-04T04:30:00.000Z'));
    tap(button('收摊（现在）'));
    tap(button('提交/封存'));
    await waitFor(async () => expect(await db.records.count()).toBe(1));
    const r = (await db.records.toArray())[0]!.record;
    expect(r.body).toEqual({
      place: '人民广场东门',
      unitIds: ['brigade1'],
      openedAt: '2026-07-04T01:00:00.000Z',
      closedAt: '2026-07-04T04:30:00.000Z',
      visitors: 2,
      complaints: [{ unitId: 'brigade1', category: 'fees', text: '占道经营罚款不开票' }],
    });
    expect(await decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, r.id, r.sealed!)).toEqual({ complainants: [{ complaint: 0, contact: '张先生 139****0000' }] });
    expect(validateRecord(r, DEMO_CAMPAIGN, await lookupIn(db, r.seq))).toBeNull();
  });

  it('refuses a stall that closed before it opened, in words', async () => {
    h = makeHarness();
    renderWith(h, <StallScreen params={{}} />);
    await screen.findByText('设点地点');
    type('设点地点', '南门');
    tap(option(question('参加单位'), '督查科'));
    tap(button('开始（现在）'));
    tap(button('收摊（现在）'));
    fireEvent.change(document.querySelector('input[aria-label="收摊时间"]')!, { target: { value: '2000-01-01T08:00' } });
    tap(button('提交/封存'));
    expect((await screen.findByText(/^有误：/)).textContent).toBe('有误：收摊时间早于开始时间');
    expect(screen.queryByText(/^还缺：/)).toBeNull();
    expect(await h.db.records.count()).toBe(0);
  });
});
