import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CAMPAIGN, DEMO_CAMPAIGN_PRIVATE_JWK } from '../../../src/domain/demo-campaign';
import { bindingIds, withAnyId } from '../../../src/domain/kept';
import { decryptSealed, encryptSecret } from '../../../src/platform/hpke';
import { validateRecord } from '../../../src/domain/validate';
import type { PingyiDb } from '../../../src/store/db';
import { newDraft } from '../../../src/store/drafts';
import { sealDraft } from '../../../src/store/seal';
import CorrectionScreen from '../../../src/ui/forms/correct/CorrectionScreen';
import { closeHarness, DEVICE, lookupIn, makeHarness, renderWith, useNodeRealm, wrap, type Harness } from './harness';
import { button, option, question } from './queries';

let h: Harness | undefined;
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
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

describe('a correction and the confidential part', () => {
  const visitBody = {
    unitId: 'brigade1',
    mode: 'covert',
    visitedAt: '2026-11-21T09:00:00.000Z',
    place: '步行街东段',
    categories: ['bribe'],
    severity: 'minor',
  };
  const photo = { sha256: 'a'.repeat(64), bytes: 2048, mime: 'image/jpeg', sealed: true };

  async function covertFinding(db: PingyiDb) {
    const draft = newDraft(
      { campaignId: 'demo', deviceId: DEVICE, type: 'visit', body: visitBody, secret: { description: '执法人员收取商户香烟两条。' } },
      Date.now(),
    );
    const key = DEMO_CAMPAIGN.encryptionKey!;
    return sealDraft(draft, {
      db,
      campaign: DEMO_CAMPAIGN,
      collector: 'rep-1',
      practice: true,
      encrypt: (id, sec) => encryptSecret(key, id, sec),
      attachments: [photo],
    });
  }
  const decrypt = (r: { id: string; type: 'amend'; body: Record<string, unknown>; sealed?: unknown }) =>
    withAnyId(bindingIds(r), (id) => decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, id, r.sealed as never));

  it('carries the sealed description and the photos over unchanged when only the severity changes, and says so', { timeout: 20_000 }, async () => {
    useNodeRealm();
    h = makeHarness();
    const { db } = h;
    const original = await covertFinding(db);
    renderWith(h, <CorrectionScreen params={{ hash: original.hash, action: 'amend' }} />);
    await screen.findByText('原记录（只读）');
    expect(screen.getByTestId('kept-note').textContent).toContain('保密内容沿用原记录，未改动。');
    expect(screen.getByTestId('kept-note').textContent).toContain('原记录的 1 张照片沿用，未改动。');
    expect(document.querySelector('textarea[aria-label="情况描述"]')).toBeNull(); // not asked again
    reason('严重程度定错');
    tap(option(question('严重程度'), '较重'));
    tap(button('封存更正'));
    await waitFor(async () => expect(await db.records.count()).toBe(2), { timeout: 5000 });
    const amend = (await db.records.toArray()).find((r) => r.type === 'amend')!.record;
    expect(amend.sealed).toEqual(original.record.sealed);
    expect(amend.attachments).toEqual([photo]);
    expect(amend.body).toEqual({
      targetId: original.record.id,
      targetHash: original.hash,
      reason: '严重程度定错',
      keptFrom: original.record.id,
      body: { ...visitBody, severity: 'serious' },
    });
    expect(validateRecord(amend, DEMO_CAMPAIGN, await lookupIn(db, amend.seq))).toBeNull();
    expect(await decrypt(amend as never)).toEqual({ description: '执法人员收取商户香烟两条。' });
  });

  it('replaces it when retyped, keeping the photos', { timeout: 20_000 }, async () => {
    useNodeRealm();
    h = makeHarness();
    const { db } = h;
    const original = await covertFinding(db);
    renderWith(h, <CorrectionScreen params={{ hash: original.hash, action: 'amend' }} />);
    await screen.findByText('原记录（只读）');
    tap(button('重新填写保密内容'));
    fireEvent.input(document.querySelector('textarea[aria-label="情况描述"]')!, { target: { value: '收取香烟一条。' } });
    reason('描述有误');
    tap(button('封存更正'));
    await waitFor(async () => expect(await db.records.count()).toBe(2), { timeout: 5000 });
    const amend = (await db.records.toArray()).find((r) => r.type === 'amend')!.record;
    expect(amend.sealed).not.toEqual(original.record.sealed);
    expect(amend.attachments).toEqual([photo]);
    expect(amend.body.keptFrom).toBe(original.record.id); // the photos are still bound to the original
    expect(await decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, amend.id, amend.sealed!)).toEqual({ description: '收取香烟一条。' });
    expect(await decrypt(amend as never)).toEqual({ description: '收取香烟一条。' });
  });
});
