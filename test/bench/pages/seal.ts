import Dexie from 'dexie';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { uuidv7 } from '../../../src/domain/ids';
import { openDb, type Draft, type PingyiDb } from '../../../src/store/db';
import { sealDraft } from '../../../src/store/seal';
import { chainRecords, f2fBody, storedOf } from './fixtures';

// Sealing with a full tablet: the product's own sealDraft (validation, seq/prev/hash in one strict
// transaction, draft removal) against a database already holding `stored` sealed records.

const DEVICE = 'bench-device';
let db: PingyiDb | null = null;

/** Opens a fresh database and stores `stored` chained records and the chain head (untimed). */
async function seedSealBench(stored: number): Promise<void> {
  const name = `seal-bench-${Date.now()}`;
  db = openDb(name);
  await db.open();
  const chain = chainRecords({ campaign: DEMO_CAMPAIGN, deviceId: DEVICE, collector: 'bench', count: stored });
  for (let i = 0; i < chain.length; i += 5000) {
    await db.records.bulkAdd(chain.slice(i, i + 5000).map(({ record, hash }) => storedOf(record, hash, false)));
  }
  const last = chain[chain.length - 1]!;
  await db.heads.put({ deviceId: DEVICE, seq: last.record.seq, hash: last.hash });
}

/** Seals `seals` questionnaires one after another; returns each seal's time in ms. */
async function benchSeal(seals: number, seed: number): Promise<number[]> {
  if (!db) throw new Error('seedSealBench first');
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  const times: number[] = [];
  for (let i = 0; i < seals; i++) {
    const now = Date.now();
    const { durationMs: _d, ...body } = f2fBody(DEMO_CAMPAIGN, rand);
    const draft: Draft = {
      id: uuidv7(now),
      campaignId: DEMO_CAMPAIGN.id,
      deviceId: DEVICE,
      type: 'f2f',
      body,
      createdAt: new Date(now - 120_000).toISOString(),
      firstAnswerAt: now - 100_000,
      updatedAt: now,
    };
    await db.drafts.put(draft); // the form saves it answer by answer before the seal
    const t0 = performance.now();
    await sealDraft(draft, { db, campaign: DEMO_CAMPAIGN, collector: 'bench', practice: false });
    times.push(performance.now() - t0);
  }
  return times;
}

async function dropSealBench(): Promise<number> {
  if (!db) return 0;
  const count = await db.records.count();
  const name = db.name;
  db.close();
  await Dexie.delete(name);
  db = null;
  return count;
}

Object.assign(window, { seedSealBench, benchSeal, dropSealBench });
