import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CAMPAIGN, DEMO_CAMPAIGN_PRIVATE_JWK } from '../../../src/domain/demo-campaign';
import { DEMO_CAMPAIGN_BASE } from '../../../src/domain/demo-campaign-base';
import { validateRecord } from '../../../src/domain/validate';
import { decryptSealed } from '../../../src/platform/hpke';
import F2fScreen from '../../../src/ui/forms/f2f/F2fScreen';
import { button, group, option, question } from './queries';
import { closeHarness, lookupIn, makeHarness, renderWith, useNodeRealm, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  cleanup();
  sessionStorage.clear();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await closeHarness(h);
  h = undefined;
});

const tap = (el: HTMLElement) => fireEvent.click(el);

async function startSession(unit = '执法一大队', channel = '设点咨询', campaign = DEMO_CAMPAIGN) {
  h = makeHarness({ campaign });
  renderWith(h, <F2fScreen params={{}} />);
  tap(await screen.findByRole('radio', { name: unit }));
  tap(screen.getByRole('radio', { name: channel }));
  tap(screen.getByRole('button', { name: '开始评议' }));
  await screen.findByRole('region', { name: '评议主体' });
  return h;
}

/** Answers the whole questionnaire except the dimensions named in `skip`. */
function answerAll(skip: string[] = [], opts: { overall?: boolean } = {}) {
  tap(option(question('评议主体'), '群众代表'));
  for (const d of DEMO_CAMPAIGN.dimensions) if (!skip.includes(d.label)) tap(option(question(d.label), '满意'));
  if (opts.overall !== false) tap(option(question('总体评价'), '较满意'));
}

describe('面对面评议', () => {
  it('names every missing answer when sealing is refused, and marks each question', async () => {
    const { db } = await startSession();
    tap(button('提交/封存'));
    const alert = await screen.findByText(/^还缺：/);
    const all = ['评议主体', ...DEMO_CAMPAIGN.dimensions.map((d) => d.label), '总体评价'];
    expect(alert.textContent).toBe('还缺：' + all.join('、'));
    for (const label of all) expect(question(label).getAttribute('aria-invalid')).toBe('true');

    answerAll(['依法办事'], { overall: false });
    await waitFor(() => expect(screen.getByText(/^还缺：/).textContent).toBe('还缺：依法办事、总体评价'));
    expect(question('信息公开').getAttribute('aria-invalid')).toBeNull();
    expect(question('依法办事').getAttribute('aria-invalid')).toBe('true');
    tap(button('提交/封存'));
    expect(await db.records.count()).toBe(0);
  });

  it('saves each answer to the draft as it is tapped', async () => {
    const { db } = await startSession();
    expect(await db.drafts.count()).toBe(0); // choosing the unit is not an answer
    tap(option(question('评议主体'), '服务对象'));
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.body.raterGroup).toBe('client'));
    const first = (await db.drafts.toArray())[0]!;
    expect(first.firstAnswerAt).toBeTypeOf('number');
    expect(first.body).toMatchObject({ unitId: 'brigade1', channel: 'stall' });
    tap(option(question('依法办事'), '不了解'));
    await waitFor(async () => expect((await db.drafts.get(first.id))!.body.ratings).toEqual({ lawful: 'unknown' }));
    expect(h!.setDirty).toHaveBeenLastCalledWith(true); // an app update waits for this questionnaire
    const second = (await db.drafts.get(first.id))!;
    expect(second.firstAnswerAt).toBe(first.firstAnswerAt);
    expect(second.updatedAt).toBeGreaterThanOrEqual(first.updatedAt);
  });

  it('seals the exact protocol body, starts the next respondent with the same unit and counts today', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T09:00:00.000Z'));
    const { db } = await startSession();
    answerAll();
    tap(option(group('是否遇到乱收费、乱罚款'), '否'));
    vi.setSystemTime(new Date('2026-11-21T09:01:30.000Z'));
    tap(button('提交/封存'));
    await waitFor(async () => expect(await db.records.count()).toBe(1));
    const stored = (await db.records.toArray())[0]!;
    expect(stored.record.body).toEqual({
      unitId: 'brigade1',
      channel: 'stall',
      raterGroup: 'public',
      ratings: Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very'])),
      overall: 'fairly',
      checks: { fees: false },
      durationMs: 90_000,
    });
    expect(stored.record.sealed).toBeUndefined();
    expect(validateRecord(stored.record, DEMO_CAMPAIGN, await lookupIn(db, stored.seq))).toBeNull();
    expect(await db.drafts.count()).toBe(0);
    expect(h!.setDirty).toHaveBeenLastCalledWith(false);

    // Next respondent: same unit and place, nothing else carried over.
    await waitFor(() => expect(screen.getByTestId('f2f-counter').textContent).toContain('今天本单位已封存 1 份'));
    expect(screen.getByText('执法一大队')).toBeTruthy();
    expect(option(question('评议主体'), '群众代表').getAttribute('aria-checked')).toBe('false');
    expect(option(question('信息公开'), '满意').getAttribute('aria-checked')).toBe('false');
    tap(option(question('评议主体'), '群众代表'));
    await waitFor(() => expect(screen.getByTestId('f2f-counter').textContent).toContain('群众代表 1 份'));
    tap(option(question('评议主体'), '专家代表'));
    await waitFor(() => expect(screen.getByTestId('f2f-counter').textContent).toContain('专家代表 0 份'));
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.body).toMatchObject({ unitId: 'brigade1', channel: 'stall', raterGroup: 'expert' }));
  });

  it('seals once on a doubled tap, says so with the record’s short id, and shows no refusal on the next form', async () => {
    const { db } = await startSession();
    answerAll();
    const seal = button('提交/封存');
    tap(seal);
    tap(seal); // the second tap of a bounce, before anything rendered
    await waitFor(async () => expect(await db.records.count()).toBe(1));
    const hash = (await db.records.toArray())[0]!.hash;
    const note = await screen.findByTestId('sealed-note');
    expect(note.textContent).toMatch(new RegExp(`^已封存 · 编号 ${hash.slice(0, 6).toUpperCase()} · \\d\\d:\\d\\d`));
    tap(screen.getByRole('button', { name: /已封存/ })); // a late second tap lands on the next, blank form
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('还不能封存')).toBeNull();
    expect(question('评议主体').getAttribute('aria-invalid')).toBeNull();
    expect(await db.records.count()).toBe(1);
    // After the quiet moment the button is the seal button again, and refuses a blank form as before.
    await waitFor(() => expect(button('提交/封存')).toBeTruthy(), { timeout: 3000 });
    tap(button('提交/封存'));
    expect(await screen.findByText('还不能封存')).toBeTruthy();
  });

  it('makes each answer group one tab stop with arrow keys, and names a chosen option without its check mark', async () => {
    const { db } = await startSession();
    const group = within(question('信息公开')).getByRole('radiogroup');
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.tabIndex)).toEqual(radios.map((_, i) => (i === 0 ? 0 : -1)));
    radios[0]!.focus();
    fireEvent.keyDown(group, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(radios[1]);
    expect(radios[1]!.getAttribute('aria-checked')).toBe('true');
    expect(radios.map((r) => r.tabIndex)).toEqual(radios.map((_, i) => (i === 1 ? 0 : -1)));
    fireEvent.keyDown(group, { key: 'ArrowLeft' });
    fireEvent.keyDown(group, { key: 'ArrowLeft' }); // wraps round to the last level (不了解)
    expect(radios.at(-1)!.getAttribute('aria-checked')).toBe('true');
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.body.ratings).toEqual({ openness: 'unknown' }));
    const chosen = within(group).getByRole('radio', { checked: true });
    expect(chosen.textContent).toBe('✓ 不了解');
    expect(within(group).getByRole('radio', { name: '不了解' })).toBe(chosen); // the tick is not part of its name
  });

  it('shows progress while answering and jumps to any item from the index', async () => {
    await startSession();
    const progress = () => screen.getByTestId('f2f-progress').textContent;
    const total = DEMO_CAMPAIGN.dimensions.length + 2;
    expect(progress()).toBe(`已答 0/${total}`);
    tap(option(question('评议主体'), '群众代表'));
    tap(option(question('信息公开'), '满意'));
    await waitFor(() => expect(progress()).toBe(`已答 2/${total}`));
    const index = screen.getByRole('navigation', { name: '题目索引' });
    expect(within(index).getByRole('button', { name: '第 2 题 信息公开（已答）' })).toBeTruthy();
    tap(within(index).getByRole('button', { name: `第 ${total} 题 总体评价（未答）` }));
    expect(question('总体评价').contains(document.activeElement)).toBe(true);
  });

  it('asks before carrying answers over to another unit, and can start again instead', async () => {
    const { db } = await startSession('督查科');
    tap(option(question('评议主体'), '群众代表'));
    tap(option(question('信息公开'), '满意'));
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.body.ratings).toEqual({ openness: 'very' }));
    tap(screen.getByRole('button', { name: '更换' }));
    tap(await screen.findByRole('radio', { name: '执法二大队' }));
    tap(screen.getByRole('button', { name: '开始评议' }));
    const dialog = await screen.findByRole('dialog', { name: '换到「执法二大队」？' });
    expect(dialog.textContent).toContain('是对「督查科」的评价');
    tap(within(dialog).getByRole('button', { name: '保留答案' }));
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.body).toMatchObject({ unitId: 'brigade2', ratings: { openness: 'very' } }));
    expect(option(question('信息公开'), '满意').getAttribute('aria-checked')).toBe('true');

    tap(screen.getByRole('button', { name: '更换' }));
    tap(await screen.findByRole('radio', { name: '督查科' }));
    tap(screen.getByRole('button', { name: '开始评议' }));
    tap(within(await screen.findByRole('dialog')).getByRole('button', { name: '清空重新开始' }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(0));
    expect(option(question('信息公开'), '满意').getAttribute('aria-checked')).toBe('false');
    expect(screen.getByTestId('f2f-progress').textContent).toMatch(/^已答 0\//);
  });

  it('asks for no position unless the campaign turns it on', async () => {
    await startSession();
    expect(document.querySelector('#q-location')).toBeNull();
    cleanup();
    await closeHarness(h);
    sessionStorage.clear();
    await startSession('执法一大队', '设点咨询', { ...DEMO_CAMPAIGN, ui: { f2fLocation: true } });
    expect(question('位置').textContent).toContain('（可选）');
  });

  it('shows the answers for a last look before sealing when the campaign asks for a review', async () => {
    const { db } = await startSession('执法一大队', '设点咨询', { ...DEMO_CAMPAIGN, ui: { reviewBeforeSeal: true } });
    answerAll();
    tap(button('提交/封存'));
    const review = await screen.findByRole('dialog', { name: '封存前请核对' });
    expect(within(review).getByText('执法一大队')).toBeTruthy();
    expect(await db.records.count()).toBe(0);
    tap(within(review).getByRole('button', { name: '返回修改' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    tap(button('提交/封存'));
    tap(within(await screen.findByRole('dialog')).getByRole('button', { name: '确认封存' }));
    await waitFor(async () => expect(await db.records.count()).toBe(1));
    expect(await screen.findByTestId('sealed-note')).toBeTruthy();
  });

  it('offers an unfinished questionnaire on return, and undoes a discard', async () => {
    const { db } = await startSession();
    answerAll(['廉洁自律'], { overall: false });
    await waitFor(async () => expect(Object.keys((await db.drafts.toArray())[0]?.body.ratings ?? {})).toHaveLength(7));
    cleanup(); // the tab is closed

    renderWith(h!, <F2fScreen params={{}} />);
    expect(await screen.findByText('有未完成的问卷，继续填写？')).toBeTruthy();
    tap(screen.getByRole('button', { name: '继续填写' }));
    await screen.findByRole('region', { name: '评议主体' });
    expect(option(question('评议主体'), '群众代表').getAttribute('aria-checked')).toBe('true');
    expect(option(question('依法办事'), '满意').getAttribute('aria-checked')).toBe('true');
    expect(option(question('廉洁自律'), '满意').getAttribute('aria-checked')).toBe('false');
    cleanup();

    renderWith(h!, <F2fScreen params={{}} />);
    tap(await screen.findByRole('button', { name: '放弃' }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(0));
    tap(await screen.findByRole('button', { name: '撤销' }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    expect(option(await screen.findByRole('region', { name: '评议主体' }), '群众代表').getAttribute('aria-checked')).toBe('true');
  });

  it('puts a consenting respondent’s contact only into the encrypted part', { timeout: 20_000 }, async () => {
    useNodeRealm();
    const { db } = await startSession();
    answerAll();
    tap(screen.getByRole('checkbox', { name: '受访人同意接受回访' }));
    tap(button('提交/封存'));
    expect((await screen.findByText(/^还缺：/)).textContent).toBe('还缺：联系方式');
    fireEvent.input(screen.getByRole('textbox', { name: '电话' }), { target: { value: '13800000000' } });
    fireEvent.input(screen.getByRole('textbox', { name: '姓名' }), { target: { value: '李女士' } });
    tap(button('提交/封存'));
    await waitFor(async () => expect(await db.records.count()).toBe(1), { timeout: 5000 });
    const r = (await db.records.toArray())[0]!.record;
    expect(JSON.stringify(r.body)).not.toContain('13800000000');
    expect(r.sealed?.alg).toBe('HPKE-P256-SHA256-AES256GCM');
    expect(await decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, r.id, r.sealed!)).toEqual({ contactConsent: true, name: '李女士', phone: '13800000000' });
    expect(validateRecord(r, DEMO_CAMPAIGN, await lookupIn(db, r.seq))).toBeNull();
  });

  it('speaks the chosen language, campaign content included: English and traditional Chinese', async () => {
    // The practice session's demo campaign, whose translations are loaded when they are needed.
    h = makeHarness({ lang: 'en', campaign: DEMO_CAMPAIGN_BASE });
    renderWith(h, <F2fScreen params={{}} />);
    tap(await screen.findByRole('radio', { name: 'Enforcement Brigade 1' })); // the campaign's own English labels
    tap(screen.getByRole('radio', { name: 'Door to door' }));
    tap(screen.getByRole('button', { name: 'Start' }));
    await screen.findByRole('region', { name: 'Respondent group' });
    tap(await waitFor(() => option(question('Respondent group'), 'Public representatives')));
    for (const d of DEMO_CAMPAIGN.dimensions) if (!['lawful', 'integrity'].includes(d.id)) tap(option(question(d.labels!.en!), 'Satisfied'));
    tap(button('Submit & seal'));
    expect((await screen.findByText(/^Still missing:/)).textContent).toBe('Still missing: Lawfulness, Integrity, Overall rating');
    await waitFor(async () =>
      expect((await h!.db.drafts.toArray())[0]?.body).toMatchObject({ unitId: 'brigade1', raterGroup: 'public', ratings: { openness: 'very' } }),
    );
    cleanup();
    sessionStorage.clear();
    await closeHarness(h);
    h = makeHarness({ lang: 'zh-Hant' });
    renderWith(h, <F2fScreen params={{}} />);
    tap(await screen.findByRole('radio', { name: '督查科' }));
    tap(screen.getByRole('button', { name: '開始評議' }));
    await screen.findByRole('region', { name: '評議主體' });
    tap(button('提交/封存'));
    expect((await screen.findByText(/^還缺：/)).textContent).toMatch(/^還缺：評議主體、資訊公開、依法辦事、.*、總體評價$/);
  });

  it('keeps the unit and place for the session and lets them be changed', async () => {
    await startSession('督查科', '入户走访');
    cleanup();
    renderWith(h!, <F2fScreen params={{}} />);
    expect(await screen.findByText('督查科')).toBeTruthy();
    tap(screen.getByRole('button', { name: '更换' }));
    tap(await screen.findByRole('radio', { name: '执法二大队' }));
    tap(screen.getByRole('button', { name: '开始评议' }));
    expect(await screen.findByText('执法二大队')).toBeTruthy();
    expect(screen.getByText(/入户走访/)).toBeTruthy();
  });
});
