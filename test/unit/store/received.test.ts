// @vitest-environment node
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/domain/ids';
import { openDb, type PingyiDb } from '../../../src/store/db';
import { unsentCount } from '../../../src/store/queries';
import { advanceMark, isReceived, receivedThrough } from '../../../src/store/received';

const open: { close(): void; delete(): Promise<void> }[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A database as schema version 1 left it: a `received` flag on each record. */
async function versionOneDb(name: string, chains: Record<string, (0 | 1)[]>): Promise<Record<string, string[]>> {
  const v1 = new Dexie(name);
  v1.version(1).stores({
    records: 'hash, &[deviceId+seq], &record.id, [received+deviceId+seq], sealedAt, [type+sealedAt], [day+sealedAt], *unitIds, campaignId, targetId',
    drafts: 'id, updatedAt, campaignId',
    blobs: 'sha256, uploaded',
    heads: 'deviceId',
    campaigns: 'id',
    kv: 'key',
  });
  const hashes: Record<string, string[]> = {};
  for (const [deviceId, flags] of Object.entries(chains)) {
    hashes[deviceId] = flags.map((_, i) => `${deviceId}-${i + 1}`.padEnd(64, '0'));
    await v1.table('records').bulkAdd(
      flags.map((received, i) => ({
        hash: hashes[deviceId]![i],
        deviceId,
        seq: i + 1,
        campaignId: 'c1',
        type: 'f2f',
        unitIds: ['law'],
        day: '2026-11-20',
        sealedAt: '2026-11-20T09:00:00.000Z',
        received,
        practice: 0,
        record: { id: uuidv7(), seq: i + 1 },
      })),
    );
    await v1.table('heads').put({ deviceId, seq: flags.length, hash: hashes[deviceId]!.at(-1) });
  }
  v1.close();
  return hashes;
}

describe('received marks', () => {
  it('the upgrade from schema 1 turns the received flags into one mark per device, and keeps every record', async () => {
    const name = `upgrade-${uuidv7()}`;
    const hashes = await versionOneDb(name, {
      a: [1, 1, 1, 0, 0],
      b: [0, 0],
      // Never produced by receipts (they cover prefixes), but the upgrade must not count seq 3 as held.
      c: [1, 0, 1],
    });
    const db = openDb(name);
    open.push(db);
    expect(await db.records.count()).toBe(10);
    expect(await db.received.get('a')).toMatchObject({ throughSeq: 3, headHash: hashes.a![2] });
    expect(await db.received.get('b')).toBeUndefined();
    expect(await receivedThrough(db, 'c')).toBe(1);
    expect(await unsentCount(db, 'a')).toBe(2);
    expect(await unsentCount(db, 'b')).toBe(2);
    expect(await unsentCount(db, 'c')).toBe(2);
    expect(db.records.schema.idxByName['[received+deviceId+seq]']).toBeUndefined();
  });

  it('a mark only moves forward and says how many records it newly covers', async () => {
    const db: PingyiDb = openDb(`marks-${uuidv7()}`);
    open.push(db);
    const at = '2026-11-21T09:00:00.000Z';
    const advance = (throughSeq: number) =>
      db.transaction('rw', db.received, () => advanceMark(db, { deviceId: 'd', throughSeq, headHash: 'h'.repeat(64), verifiedAt: at }));
    expect(await advance(200)).toBe(200);
    expect(await advance(450)).toBe(250);
    expect(await advance(300)).toBe(0);
    expect(await receivedThrough(db, 'd')).toBe(450);
    expect(isReceived({ seq: 450, practice: 0 }, 450)).toBe(true);
    expect(isReceived({ seq: 451, practice: 0 }, 450)).toBe(false);
    expect(isReceived({ seq: 1, practice: 1 }, 450)).toBe(false);
  });
});
