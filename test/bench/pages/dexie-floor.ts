import Dexie from 'dexie';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { chainRecords, storedOf } from './fixtures';

// The raw floor: one Dexie bulkPut of records shaped like the tablet's, with the same indexes and
// the same strict durability, and no Pingyi code in the timed part (fixtures are built beforehand).

const RECORD_INDEXES = 'hash, &[deviceId+seq], &record.id, sealedAt, [type+sealedAt], [day+sealedAt], *unitIds, campaignId, targetId';

async function benchDexieBulkPut(run: number, n: number): Promise<number> {
  const rows = chainRecords({ campaign: DEMO_CAMPAIGN, deviceId: 'floor', collector: 'bench', count: n, seed: run + 1 }).map(({ record, hash }) =>
    storedOf(record, hash, false),
  );
  const name = `floor-${run}-${Date.now()}`;
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' });
  db.version(1).stores({ records: RECORD_INDEXES });
  await db.open();
  const t0 = performance.now();
  await db.table('records').bulkPut(rows);
  const ms = performance.now() - t0;
  const count = await db.table('records').count();
  db.close();
  await Dexie.delete(name);
  if (count !== n) throw new Error(`stored ${count} of ${n}`);
  return ms;
}

(window as unknown as Record<string, unknown>).benchDexieBulkPut = benchDexieBulkPut;
