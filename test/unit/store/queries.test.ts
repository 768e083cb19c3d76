import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PingyiDb, StoredRecord } from '../../../src/store/db';
import {
  chainHead,
  chainRows,
  dayCounts,
  draftsOf,
  filteredDrafts,
  localDay,
  recordDetail,
  recordKeys,
  recordPage,
  scanRecords,
  unsentCount,
} from '../../../src/store/queries';
import { correct, draftOf, f2fBody, forumBody, markReceived, seal, stallBody, testDb, visitBody } from '../shell/fixtures';

let db: PingyiDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const hashes = (rs: StoredRecord[]) => rs.map((r) => r.hash);

describe('dayCounts', () => {
  it('counts one device’s records of one day by type', async () => {
    await seal(db, 'f2f', f2fBody(), { day: '2026-11-20' });
    const f = await seal(db, 'f2f', f2fBody(), { day: '2026-11-20' });
    await seal(db, 'forum', forumBody(), { day: '2026-11-20' });
    await seal(db, 'visit', visitBody(), { day: '2026-11-19' });
    await seal(db, 'stall', stallBody(), { day: '2026-11-20', deviceId: 'local-2' });
    await correct(db, f, 'void', '重复录入', undefined, { day: '2026-11-20' });

    const c = await dayCounts(db, 'local-1', '2026-11-20');
    expect(c).toEqual({ f2f: 2, forum: 1, visit: 0, stall: 0, followup: 0, amend: 0, void: 1 });
    expect((await dayCounts(db, 'local-2', '2026-11-20')).stall).toBe(1);
    expect((await dayCounts(db, 'local-1', '2026-11-19')).visit).toBe(1);
  });
});

describe('unsentCount and drafts', () => {
  it('counts the device’s records without a receipt', async () => {
    const a = await seal(db, 'f2f', f2fBody(), { deviceId: 'dev-A', practice: false });
    await seal(db, 'f2f', f2fBody(), { deviceId: 'dev-A', practice: false });
    await seal(db, 'f2f', f2fBody(), { deviceId: 'dev-B', practice: false });
    expect(await unsentCount(db, 'dev-A')).toBe(2);
    await markReceived(db, [a]);
    expect(await unsentCount(db, 'dev-A')).toBe(1);
    expect(await unsentCount(db, 'dev-B')).toBe(1);
  });

  it('lists the device’s drafts newest first and filters them', async () => {
    const d1 = draftOf('f2f', { unitId: 'law' }, Date.UTC(2026, 10, 20, 2));
    const d2 = draftOf('forum', { unitIds: ['office', 'law'] }, Date.UTC(2026, 10, 20, 5));
    const d3 = draftOf('f2f', { unitId: 'muck' }, Date.UTC(2026, 10, 21, 5));
    const other = draftOf('f2f', {}, Date.UTC(2026, 10, 22), 'local-9');
    await db.drafts.bulkPut([d1, d2, d3, other]);
    expect((await draftsOf(db, 'local-1')).map((d) => d.id)).toEqual([d3.id, d2.id, d1.id]);
    expect((await filteredDrafts(db, 'local-1', { unitId: 'law' })).map((d) => d.id)).toEqual([d2.id, d1.id]);
    expect((await filteredDrafts(db, 'local-1', { type: 'f2f' })).map((d) => d.id)).toEqual([d3.id, d1.id]);
    expect((await filteredDrafts(db, 'local-1', { day: localDay(d3.updatedAt) })).map((d) => d.id)).toEqual([d3.id]);
  });
});

describe('recordKeys and recordPage', () => {
  let all: StoredRecord[];
  beforeEach(async () => {
    all = [];
    // 30 records over three days, four types, several units; one other device.
    for (let i = 0; i < 30; i++) {
      const day = `2026-11-${String(18 + (i % 3)).padStart(2, '0')}`;
      const type = (['f2f', 'forum', 'visit', 'stall'] as const)[i % 4];
      const body = type === 'f2f' ? f2fBody(i % 2 ? 'law' : 'muck') : type === 'forum' ? forumBody() : type === 'visit' ? visitBody() : stallBody();
      all.push(await seal(db, type, body, { day, practice: false }));
    }
    await seal(db, 'f2f', f2fBody('law'), { deviceId: 'elsewhere', practice: false });
    await markReceived(db, all.slice(0, 10));
  });
  const newestFirst = (rs: StoredRecord[]) => [...rs].sort((a, b) => b.sealedAt.localeCompare(a.sealedAt));

  it('lists the device’s records newest first', async () => {
    expect(await recordKeys(db, 'local-1')).toEqual(hashes(newestFirst(all)));
  });

  it('filters by type, unit, day and sending, alone and together', async () => {
    const expectKeys = async (f: Parameters<typeof recordKeys>[2], keep: (r: StoredRecord) => boolean) =>
      expect(await recordKeys(db, 'local-1', f)).toEqual(hashes(newestFirst(all.filter(keep))));
    await expectKeys({ type: 'f2f' }, (r) => r.type === 'f2f');
    await expectKeys({ unitId: 'law' }, (r) => r.unitIds.includes('law'));
    await expectKeys({ day: '2026-11-19' }, (r) => r.day === '2026-11-19');
    await expectKeys({ sent: 'sent' }, (r) => all.indexOf(r) < 10);
    await expectKeys({ sent: 'unsent' }, (r) => all.indexOf(r) >= 10);
    await expectKeys({ type: 'f2f', day: '2026-11-20', unitId: 'muck' }, (r) => r.type === 'f2f' && r.day === '2026-11-20' && r.unitIds.includes('muck'));
    await expectKeys({ type: 'forum', sent: 'unsent' }, (r) => r.type === 'forum' && all.indexOf(r) >= 10);
    expect(await recordKeys(db, 'local-1', { unitId: 'nobody' })).toEqual([]);
  });

  it('pages through a filtered list and the unfiltered one', async () => {
    const f2f = newestFirst(all.filter((r) => r.type === 'f2f'));
    const first = await recordPage(db, 'local-1', { type: 'f2f' }, 0, 3);
    const second = await recordPage(db, 'local-1', { type: 'f2f' }, 3, 3);
    const last = await recordPage(db, 'local-1', { type: 'f2f' }, 6, 3);
    expect(hashes(first.rows)).toEqual(hashes(f2f.slice(0, 3)));
    expect(first.more).toBe(true);
    expect(hashes(second.rows)).toEqual(hashes(f2f.slice(3, 6)));
    expect(hashes(last.rows)).toEqual(hashes(f2f.slice(6)));
    expect(last.more).toBe(false);

    const plain = await recordPage(db, 'local-1', {}, 28, 5);
    expect(hashes(plain.rows)).toEqual(hashes(newestFirst(all).slice(28)));
    expect(plain.more).toBe(false);
  });

  it('reads the unfiltered list by seq: head − row', async () => {
    expect(await chainHead(db, 'local-1')).toBe(30);
    expect(await chainHead(db, 'nobody')).toBe(0);
    const rows = await chainRows(db, 'local-1', 30, 0, 4);
    expect(rows.map((r) => r!.seq)).toEqual([30, 29, 28, 27]);
    expect((await chainRows(db, 'local-1', 30, 28, 40)).map((r) => r!.seq)).toEqual([2, 1]);
    expect(await chainRows(db, 'local-1', 30, 30, 35)).toEqual([]);
  });

  it('scans in windows, newest first, and stops when told', async () => {
    const windows: number[][] = [];
    await scanRecords(db, 'local-1', { unitId: 'law' }, (m) => void windows.push(m.map((r) => r.seq)), 7);
    expect(windows.length).toBe(5); // seqs 30..24, 23..17, 16..10, 9..3, 2..1
    const seqs = windows.flat();
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs).toEqual(
      all
        .filter((r) => r.unitIds.includes('law'))
        .map((r) => r.seq)
        .reverse(),
    );

    let calls = 0;
    await scanRecords(db, 'local-1', { type: 'visit' }, () => ++calls < 2, 7);
    expect(calls).toBe(2);
  });

  it('skips quickly over a long run of records that cannot match a sending filter', async () => {
    // Records 1–10 are sent, 11–30 are not: the scan jumps from 30 straight to 10.
    const windows: number[][] = [];
    await scanRecords(db, 'local-1', { sent: 'sent' }, (m) => void windows.push(m.map((r) => r.seq)), 2);
    expect(windows.flat()).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(windows.length).toBe(5);
  });

  it('reads a day filter in windows of its index, newest first, missing and repeating nothing', async () => {
    // Seven more records of one day sealed at the same instant, so windows end inside that instant.
    const same = Date.UTC(2026, 10, 19, 3);
    for (let i = 0; i < 7; i++) all.push(await seal(db, 'stall', stallBody(), { day: '2026-11-19', at: same, practice: false }));
    const windows: StoredRecord[][] = [];
    await scanRecords(db, 'local-1', { day: '2026-11-19' }, (m) => void windows.push(m), 3);
    const want = all.filter((r) => r.day === '2026-11-19');
    expect(
      windows
        .flat()
        .map((r) => r.hash)
        .sort(),
    ).toEqual(hashes(want).sort());
    expect(windows.flat().map((r) => r.sealedAt)).toEqual(
      want
        .map((r) => r.sealedAt)
        .sort()
        .reverse(),
    );
    expect(windows.length).toBeGreaterThan(3);
    for (const w of windows.slice(0, -1)) expect(w.length).toBeLessThanOrEqual(7);

    let calls = 0;
    await scanRecords(db, 'local-1', { day: '2026-11-19' }, () => ++calls < 2, 3);
    expect(calls).toBe(2);
  });

  it('keeps the other device’s records out', async () => {
    expect((await recordKeys(db, 'elsewhere')).length).toBe(1);
    expect((await recordKeys(db, 'local-1', { unitId: 'law' })).length).toBe(all.filter((r) => r.unitIds.includes('law')).length);
  });
});

describe('recordDetail', () => {
  it('finds corrections in seq order and the version that counts', async () => {
    const rec = await seal(db, 'f2f', f2fBody('law', 'very'));
    expect((await recordDetail(db, rec.hash))!.standing).toEqual({ kind: 'original' });

    const a1 = await correct(db, rec, 'amend', '评价录错', f2fBody('law', 'fairly'));
    const a2 = await correct(db, rec, 'amend', '再次更正', f2fBody('law', 'neutral'));
    let d = (await recordDetail(db, rec.hash))!;
    expect(hashes(d.corrections)).toEqual([a1.hash, a2.hash]);
    expect(d.standing.kind).toBe('amended');
    expect(d.standing.kind !== 'original' && d.standing.by.hash).toBe(a2.hash);

    const v = await correct(db, rec, 'void', '受访者撤回');
    d = (await recordDetail(db, rec.hash))!;
    expect(d.standing.kind === 'voided' && d.standing.by.hash).toBe(v.hash);
    expect(d.corrections.length).toBe(3);

    const ofAmend = (await recordDetail(db, a1.hash))!;
    expect(ofAmend.target?.hash).toBe(rec.hash);
    expect(ofAmend.corrections).toEqual([]);
  });

  it('answers undefined for an unknown hash', async () => {
    expect(await recordDetail(db, '0'.repeat(64))).toBeUndefined();
  });
});
