// @vitest-environment node
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/domain/ids';
import { openDb, type PingyiDb, type StoredRecord } from '../../../src/store/db';
import { tallyBuilder } from '../../../src/store/day-tally';
import { countTodayF2f, createDraftWriter, newDraft } from '../../../src/store/drafts';
import { dayCounts } from '../../../src/store/queries';
import { correct, f2fBody, forumBody, seal, stallBody } from '../shell/fixtures';

const open: PingyiDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});
function fresh(name = `tally-${uuidv7()}`): PingyiDb {
  const db = openDb(name);
  open.push(db);
  return db;
}

/** A day's mixed work: questionnaires in two groups, an amend that moves one, a void, other types. */
async function mixedDay(db: PingyiDb): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  const day = { day: '2026-11-20' };
  out.push(await seal(db, 'f2f', { ...f2fBody('law'), raterGroup: 'public' }, day));
  out.push(await seal(db, 'f2f', { ...f2fBody('law'), raterGroup: 'client' }, day));
  const moved = await seal(db, 'f2f', { ...f2fBody('muck'), raterGroup: 'public' }, day);
  const voided = await seal(db, 'f2f', { ...f2fBody('law'), raterGroup: 'public' }, day);
  out.push(moved, voided, await seal(db, 'forum', forumBody(), day), await seal(db, 'stall', stallBody(), { day: '2026-11-19' }));
  out.push(await correct(db, moved, 'amend', '选错单位', { ...f2fBody('law'), raterGroup: 'expert' }, { day: '2026-11-21' }));
  out.push(await correct(db, voided, 'void', '重复录入', undefined, { day: '2026-11-21' }));
  out.push(await seal(db, 'f2f', { ...f2fBody('law'), raterGroup: 'public' }, { day: '2026-11-20', deviceId: 'local-2' }));
  return out;
}

describe("today's counts kept by each seal", () => {
  it('counts types on the seal’s day and questionnaires under their latest unit and group on their own day', async () => {
    const db = fresh();
    await mixedDay(db);
    const day = (d: string) => () => d;
    const law = (d: string, deviceId = 'local-1') => countTodayF2f(db, { campaignId: 'demo', deviceId, unitId: 'law', now: 0, day: day(d) });
    expect(await law('2026-11-20')).toEqual({ total: 3, byGroup: { public: 1, client: 1, expert: 1 } });
    expect((await countTodayF2f(db, { campaignId: 'demo', deviceId: 'local-1', unitId: 'muck', now: 0, day: day('2026-11-20') })).total).toBe(0);
    expect(await law('2026-11-21')).toEqual({ total: 0, byGroup: {} });
    expect(await law('2026-11-20', 'local-2')).toEqual({ total: 1, byGroup: { public: 1 } });
    expect((await countTodayF2f(db, { campaignId: 'other', deviceId: 'local-1', unitId: 'law', now: 0, day: day('2026-11-20') })).total).toBe(0);
    expect(await dayCounts(db, 'local-1', '2026-11-20')).toEqual({ f2f: 4, forum: 1, visit: 0, stall: 0, followup: 0, amend: 0, void: 0 });
    expect(await dayCounts(db, 'local-1', '2026-11-21')).toEqual({ f2f: 0, forum: 0, visit: 0, stall: 0, followup: 0, amend: 1, void: 1 });
    expect((await dayCounts(db, 'local-1', '2026-11-19')).stall).toBe(1);
  });

  it('the schema-3 upgrade counts the records sealed before it exactly as the seals would have', async () => {
    const name = `tally-upgrade-${uuidv7()}`;
    const db = fresh(name);
    await mixedDay(db);
    const bySeals = await db.days.toArray();
    db.close();
    // The same records in a schema-2 database (no day rows), then opened by the app.
    await lowerToSchemaTwo(name);
    const reopened = openDb(name);
    open.push(reopened);
    expect(await reopened.records.count()).toBe(9);
    expect(sortRows(await reopened.days.toArray())).toEqual(sortRows(bySeals));
  });

  it('the builder follows corrections in chain order: an amend of an amend, then a void', () => {
    const b = tallyBuilder();
    const rec = (seq: number, type: StoredRecord['type'], body: Record<string, unknown>, targetId?: string, day = 'd1'): StoredRecord =>
      ({
        hash: `h${seq}`,
        deviceId: 'x',
        seq,
        campaignId: 'demo',
        type,
        unitIds: [],
        day,
        sealedAt: '',
        practice: 1,
        ...(targetId ? { targetId } : {}),
        record: { id: `id${seq}`, campaignId: 'demo', body },
      }) as unknown as StoredRecord;
    b.add(rec(1, 'f2f', { unitId: 'law', raterGroup: 'public' }));
    b.add(rec(2, 'amend', { targetId: 'id1', body: { unitId: 'muck', raterGroup: 'public' } }, 'id1', 'd2'));
    b.add(rec(3, 'amend', { targetId: 'id1', body: { unitId: 'muck', raterGroup: 'client' } }, 'id1', 'd2'));
    expect(b.rows().find((r) => r.day === 'd1')!.f2f).toEqual({ demo: { law: {}, muck: { client: 1 } } });
    b.add(rec(4, 'void', { targetId: 'id1' }, 'id1', 'd3'));
    expect(b.rows().find((r) => r.day === 'd1')!.f2f).toEqual({ demo: { law: {}, muck: {} } });
    expect(b.rows().find((r) => r.day === 'd2')!.byType).toEqual({ amend: 2 });
  });
});

const sortRows = <T extends { deviceId: string; day: string }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.deviceId} ${a.day}`.localeCompare(`${b.deviceId} ${b.day}`));

/** Rewrites the database as schema version 2 left it: the same stores and records, no `days`. */
async function lowerToSchemaTwo(name: string): Promise<void> {
  const src = new Dexie(name);
  await src.open();
  const records = await src.table('records').toArray();
  const heads = await src.table('heads').toArray();
  src.close();
  await Dexie.delete(name);
  const v2 = new Dexie(name);
  v2.version(2).stores({
    records: 'hash, &[deviceId+seq], &record.id, sealedAt, [type+sealedAt], [day+sealedAt], *unitIds, campaignId, targetId',
    drafts: 'id, updatedAt, campaignId',
    blobs: 'sha256, uploaded',
    heads: 'deviceId',
    received: 'deviceId',
    campaigns: 'id',
    kv: 'key',
  });
  await v2.table('records').bulkAdd(records);
  await v2.table('heads').bulkPut(heads);
  v2.close();
}

describe('durability of the writes that hold answers', () => {
  it('seals and draft writes run in transactions of strict durability', async () => {
    const seen: { stores: string[]; mode: string; durability?: string }[] = [];
    const proto = IDBDatabase.prototype as unknown as { transaction: (stores: unknown, mode?: unknown, options?: { durability?: string }) => IDBTransaction };
    const original = proto.transaction;
    proto.transaction = function (this: IDBDatabase, stores: unknown, mode?: unknown, options?: { durability?: string }) {
      seen.push({ stores: ([] as string[]).concat(stores as string[]), mode: String(mode), durability: options?.durability });
      return original.call(this, stores, mode, options);
    };
    try {
      const db = fresh();
      await db.open();
      const writer = createDraftWriter(db);
      await writer.write({ ...newDraft({ campaignId: 'demo', deviceId: 'local-1', type: 'f2f', body: { unitId: 'law' } }, 1), firstAnswerAt: 1 });
      await seal(db, 'f2f', f2fBody('law'));
    } finally {
      proto.transaction = original;
    }
    const writes = seen.filter((t) => t.mode === 'readwrite');
    expect(writes.some((t) => t.stores.includes('drafts') && !t.stores.includes('records'))).toBe(true);
    expect(writes.some((t) => t.stores.includes('records') && t.stores.includes('days'))).toBe(true);
    for (const t of writes) expect(t.durability, t.stores.join(',')).toBe('strict');
  });
});
