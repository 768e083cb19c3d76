import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { validateRecord } from '../../../src/domain/validate';
import type { PingyiDb } from '../../../src/store/db';
import { newDraft } from '../../../src/store/drafts';
import { sealDraft } from '../../../src/store/seal';
import CorrectionScreen from '../../../src/ui/forms/correct/CorrectionScreen';
import { closeHarness, DEVICE, lookupIn, makeHarness, renderWith, wrap, type Harness } from './harness';
import { button, option, question } from './queries';

let h: Harness | undefined;
afterEach(async () => {
  cleanup();
  await closeHarness(h);
  h = undefined;
});
const tap = (el: HTMLElement) => fireEvent.click(el);
const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'neutral']));
const f2fBody = { unitId: 'brigade2', raterGroup: 'client', channel: 'door', ratings, overall: 'less', durationMs: 61_000 };

async function seal(db: PingyiDb, type: 'f2f' | 'amend' | 'void', body: Record<string, unknown>, deviceId = DEVICE) {
  return sealDraft(newDraft({ campaignId: 'demo', deviceId, type, body }, Date.now()), { db, campaign: DEMO_CAMPAIGN, collector: 'rep-1', practice: true });
}
const reason = (v: string) => fireEvent.input(document.querySelector('textarea[aria-label="原因"]')!, { target: { value: v } });

describe('corrections', () => {
  it('amends with a reason and a full replacement body, prefilled from the original', async () => {
    h = makeHarness();
    const { db } = h;
    const original = await seal(db, 'f2f', f2fBody);
    renderWith(h, <CorrectionScreen params={{ hash: original.hash, action: 'amend' }} />);
    await screen.findByText('原记录（只读）');
    expect(option(question('总体评价'), '不太满意').getAttribute('aria-checked')).toBe('true');
    expect(option(question('被评单位'), '执法二大队').getAttribute('aria-checked')).toBe('true');
    tap(button('封存更正'));
    expect((await screen.findByText(/^还缺：/)).textContent).toBe('还缺：原因');
    reason('总体评价录错');
    tap(option(question('总体评价'), '一般'));
    tap(button('封存更正'));
    await waitFor(async () => expect(await db.records.count()).toBe(2));
    const amend = (await db.records.toArray()).find((r) => r.type === 'amend')!;
    expect(amend.record.body).toEqual({
      targetId: original.record.id,
      targetHash: original.hash,
      reason: '总体评价录错',
      body: { ...original.record.body, overall: 'neutral' },
    });
    expect(validateRecord(amend.record, DEMO_CAMPAIGN, await lookupIn(db, amend.seq))).toBeNull();
    expect(await screen.findByText('更正已封存。')).toBeTruthy();
  });

  it('amends an amended record against the original, starting from the latest version', async () => {
    h = makeHarness();
    const { db } = h;
    const original = await seal(db, 'f2f', f2fBody);
    await seal(db, 'amend', { targetId: original.record.id, targetHash: original.hash, reason: '一', body: { ...f2fBody, overall: 'very' } });
    renderWith(h, <CorrectionScreen params={{ hash: original.hash, action: 'amend' }} />);
    expect(await screen.findByText(/已更正 1 次/)).toBeTruthy();
    expect(option(question('总体评价'), '满意').getAttribute('aria-checked')).toBe('true');
    reason('群体选错');
    tap(option(question('评议主体'), '专家代表'));
    tap(button('封存更正'));
    await waitFor(async () => expect(await db.records.count()).toBe(3));
    const last = (await db.records.toArray()).sort((a, b) => b.seq - a.seq)[0]!;
    expect(last.record.body).toMatchObject({ targetId: original.record.id, targetHash: original.hash, body: { overall: 'very', raterGroup: 'expert' } });
    expect(validateRecord(last.record, DEMO_CAMPAIGN, await lookupIn(db, last.seq))).toBeNull();
  });

  it('voids after a reason and a confirmation; then refuses any further correction', async () => {
    h = makeHarness();
    const { db } = h;
    const original = await seal(db, 'f2f', f2fBody);
    const view = renderWith(h, <CorrectionScreen params={{ hash: original.hash, action: 'void' }} />);
    await screen.findByText('原记录（只读）');
    tap(button('作废这条记录'));
    expect((await screen.findByText(/^还缺：/)).textContent).toBe('还缺：原因');
    reason('重复录入');
    tap(button('作废这条记录'));
    expect(await screen.findByText('确定作废这条记录吗？')).toBeTruthy();
    expect(await db.records.count()).toBe(1);
    const confirm = [...document.querySelectorAll<HTMLElement>('.dialog button')].find((b) => b.textContent === '作废这条记录')!;
    tap(confirm);
    await waitFor(async () => expect(await db.records.count()).toBe(2));
    const v = (await db.records.toArray()).find((r) => r.type === 'void')!;
    expect(v.record.body).toEqual({ targetId: original.record.id, targetHash: original.hash, reason: '重复录入' });
    expect(validateRecord(v.record, DEMO_CAMPAIGN, await lookupIn(db, v.seq))).toBeNull();

    // The same screen, moved on to 更正 of the same record (only the query changes): refused.
    view.rerender(wrap(h, <CorrectionScreen params={{ hash: original.hash, action: 'amend' }} />));
    expect((await screen.findByRole('alert')).textContent).toContain(`这条记录已被作废（第 ${v.seq} 号记录）`);
    cleanup();
    renderWith(h, <CorrectionScreen params={{ hash: v.hash, action: 'void' }} />);
    expect((await screen.findByRole('alert')).textContent).toContain('这是一条更正或作废记录，不能再更正或作废');
    expect(screen.getByText('打开原记录').getAttribute('href')).toBe(`#/records/${original.hash}`);
  });

  it('refuses records of another device chain and unknown hashes', async () => {
    h = makeHarness();
    const other = await seal(h.db, 'f2f', f2fBody, 'local-other');
    renderWith(h, <CorrectionScreen params={{ hash: other.hash, action: 'amend' }} />);
    expect((await screen.findByRole('alert')).textContent).toContain('只能由原设备更正或作废');
    cleanup();
    renderWith(h, <CorrectionScreen params={{ hash: 'f'.repeat(64), action: 'amend' }} />);
    expect((await screen.findByRole('alert')).textContent).toBe('本机没有这条记录。');
  });

  it('keeps an unfinished correction as a draft and resumes it', async () => {
    h = makeHarness();
    const { db } = h;
    const original = await seal(db, 'f2f', f2fBody);
    renderWith(h, <CorrectionScreen params={{ hash: original.hash, action: 'amend' }} />);
    await screen.findByText('原记录（只读）');
    reason('单位选错');
    tap(option(question('被评单位'), '执法三大队'));
    await waitFor(async () => expect(((await db.drafts.toArray())[0]?.body.body as { unitId?: string })?.unitId).toBe('brigade3'));
    cleanup();
    renderWith(h, <CorrectionScreen params={{ hash: original.hash, action: 'amend' }} />);
    expect(await screen.findByText('已恢复上次未完成的填写。')).toBeTruthy();
    expect(option(question('被评单位'), '执法三大队').getAttribute('aria-checked')).toBe('true');
    expect((document.querySelector('textarea[aria-label="原因"]') as HTMLTextAreaElement).value).toBe('单位选错');
  });
});
