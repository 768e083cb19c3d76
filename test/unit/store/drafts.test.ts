// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { uuidv7 } from '../../../src/domain/ids';
import { openDb, type PingyiDb } from '../../../src/store/db';
import { applyAnswer, countTodayF2f, createDraftWriter, discardDraft, findResumable, getDraft, newDraft, restoreDraft } from '../../../src/store/drafts';
import { sealDraft } from '../../../src/store/seal';

let opened: PingyiDb | undefined;
function fresh(): PingyiDb {
  opened = openDb('drafts-' + uuidv7());
  return opened;
}
afterEach(async () => {
  opened?.close();
  await opened?.delete();
  opened = undefined;
});
const base = { campaignId: 'demo', deviceId: 'local-1' };
const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));

describe('drafts', () => {
  it('records the first answer once and every answer after', () => {
    const d0 = newDraft({ ...base, type: 'f2f', body: { unitId: 'law' } }, 1_000);
    expect(d0.firstAnswerAt).toBeUndefined();
    const d1 = applyAnswer(d0, { body: { ...d0.body, raterGroup: 'public' } }, 5_000);
    const d2 = applyAnswer(d1, { body: { ...d1.body, overall: 'very' }, secret: { name: '王' } }, 9_000);
    expect([d1.firstAnswerAt, d1.updatedAt]).toEqual([5_000, 5_000]);
    expect([d2.firstAnswerAt, d2.updatedAt]).toEqual([5_000, 9_000]);
    expect(d2.secret).toEqual({ name: '王' });
    expect(applyAnswer(d2, { secret: null }, 10_000).secret).toBeUndefined();
    expect(d0.body).toEqual({ unitId: 'law' }); // the previous version is not changed
  });

  it('writes in order and keeps the last version when answers come faster than writes', async () => {
    const db = fresh();
    const w = createDraftWriter(db);
    let d = newDraft({ ...base, type: 'forum', body: {} }, 1);
    for (let i = 1; i <= 20; i++) {
      d = applyAnswer(d, { body: { title: 'x'.repeat(i) } }, i);
      void w.write(d);
    }
    await w.flush();
    expect((await getDraft(db, d.id))!.body.title).toBe('x'.repeat(20));
  });

  it('offers the newest unfinished draft of the form, discards it and undoes the discard', async () => {
    const db = fresh();
    const older = applyAnswer(newDraft({ ...base, type: 'f2f', body: { a: 1 } }, 1), {}, 10);
    const newer = applyAnswer(newDraft({ ...base, type: 'f2f', body: { a: 2 } }, 2), {}, 20);
    const forum = applyAnswer(newDraft({ ...base, type: 'forum', body: {} }, 3), {}, 30);
    const elsewhere = applyAnswer(newDraft({ ...base, deviceId: 'other', type: 'f2f', body: {} }, 4), {}, 40);
    await db.drafts.bulkPut([older, newer, forum, elsewhere]);
    expect((await findResumable(db, { ...base, type: 'f2f' }))!.id).toBe(newer.id);
    const gone = await discardDraft(db, newer.id);
    expect(gone).toEqual(newer);
    expect((await findResumable(db, { ...base, type: 'f2f' }))!.id).toBe(older.id);
    await restoreDraft(db, gone!);
    expect(await getDraft(db, newer.id)).toEqual(newer);
    expect(await findResumable(db, { ...base, type: 'stall' })).toBeUndefined();
  });
});

describe('countTodayF2f', () => {
  it("counts today's questionnaires of the unit per rater group, without voided ones and with amendments", async () => {
    const db = fresh();
    const T = Date.parse('2026-11-20T16:00:00.000Z'); // records name real instants of the years 2000 to 2100
    const day = (ms: number) => (ms < T + 100_000 ? '2026-11-20' : '2026-11-21');
    const ctx = { db, campaign: DEMO_CAMPAIGN, collector: 'c', practice: true, localDay: day };
    const seal = (body: Record<string, unknown>, now: number, type: 'f2f' | 'void' | 'amend' = 'f2f') =>
      sealDraft(newDraft({ ...base, type, body }, T + now), { ...ctx, now: () => T + now });
    const f2f = (unitId: string, raterGroup: string) => ({ unitId, raterGroup, channel: 'stall', ratings, overall: 'very', durationMs: 0 });
    await seal(f2f('law', 'public'), 50_000); // yesterday
    await seal(f2f('law', 'public'), 200_000);
    await seal(f2f('law', 'public'), 201_000);
    await seal(f2f('law', 'client'), 202_000);
    await seal(f2f('office', 'public'), 203_000);
    const voided = await seal(f2f('law', 'client'), 204_000);
    await seal({ targetId: voided.record.id, targetHash: voided.hash, reason: '重复录入' }, 205_000, 'void');
    const moved = await seal(f2f('office', 'expert'), 206_000);
    await seal({ targetId: moved.record.id, targetHash: moved.hash, reason: '选错单位', body: f2f('law', 'expert') }, 207_000, 'amend');

    const c = await countTodayF2f(db, { ...base, unitId: 'law', now: T + 300_000, day });
    expect(c).toEqual({ total: 4, byGroup: { public: 2, client: 1, expert: 1 } });
    expect(await countTodayF2f(db, { ...base, unitId: 'law', now: T + 300_000, day: () => '2026-11-22' })).toEqual({ total: 0, byGroup: {} });
    expect((await countTodayF2f(db, { ...base, deviceId: 'other', unitId: 'law', now: T + 300_000, day })).total).toBe(0);
  });
});
