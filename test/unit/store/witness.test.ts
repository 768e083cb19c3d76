import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../../src/domain/ids';
import type { BatchAnswer } from '../../../src/protocol/batch';
import { PROTOCOL } from '../../../src/protocol/canon';
import { openDb, type PingyiDb } from '../../../src/store/db';
import { sealDraft } from '../../../src/store/seal';
import { acceptLoss, findLoss, readWitness, rememberHeld, witnessSeal, workerReceipts, type CacheStorageLike } from '../../../src/store/witness';
import { applyReceipt } from '../../../src/sync/receipts';

// A browser that cannot open the app's IndexedDB may delete it and start an empty one. What the
// database held is remembered in localStorage after every seal and receipt, so the next start can
// say what was lost instead of starting as a fresh tablet.

const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));
const f2f = { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings, overall: 'very', durationMs: 0 };
const T = Date.now();

let name: string;
let db: PingyiDb;
beforeEach(() => {
  localStorage.clear();
  name = 'witness-' + uuidv7();
  db = openDb(name);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function seal(n: number, deviceId = 'dev-w'): Promise<string[]> {
  const ctx = { db, campaign: DEMO_CAMPAIGN, collector: 'c1', practice: false, now: () => T };
  const hashes: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = { id: uuidv7(), campaignId: 'demo', deviceId, type: 'f2f' as const, body: f2f, createdAt: isoTime(T - 60_000), updatedAt: T };
    hashes.push((await sealDraft(d, ctx)).hash);
  }
  return hashes;
}

/** A receipt as applyReceipt takes it once checkBatchAnswer has verified it. */
function receiptFor(deviceId: string, throughSeq: number, headHash: string): BatchAnswer {
  const receipt: BatchAnswer['receipt'] = {
    protocol: PROTOCOL,
    deviceId,
    throughSeq,
    headHash,
    receivedAt: isoTime(T),
    logSize: throughSeq,
    logRoot: 'b'.repeat(64),
  };
  return { status: 'accepted', appended: throughSeq, receipt, serverSig: 'sig' };
}

/** The database deleted and opened again empty, as the browser does with one it cannot open. */
async function wipe(): Promise<void> {
  db.close();
  await db.delete();
  db = openDb(name);
  await db.open();
}

/** Cache Storage as far as the service worker's receipts use it: one cache, entries by address. */
function fakeCaches(): CacheStorageLike {
  const entries = new Map<string, string>();
  const cache = {
    async match(url: string) {
      const body = entries.get(url);
      return body === undefined ? undefined : new Response(body);
    },
    async put(url: string, res: Response) {
      entries.set(url, await res.text());
    },
    async delete(url: string) {
      return entries.delete(url);
    },
  };
  return { open: async () => cache };
}

/** applyReceipt as the service worker runs it: no localStorage there, Cache Storage instead. */
async function applyInWorker(caches: CacheStorageLike, answer: BatchAnswer): Promise<void> {
  vi.stubGlobal('localStorage', undefined);
  vi.stubGlobal('caches', caches);
  try {
    await applyReceipt(db, answer, isoTime(T));
  } finally {
    vi.unstubAllGlobals();
  }
}

describe('the witness of what the records database held', () => {
  it('follows every seal and every receipt, and finds nothing lost while the database holds it all', async () => {
    const hashes = await seal(5);
    expect(readWitness()).toEqual({ 'dev-w': { seq: 5, received: 0 } });
    await applyReceipt(db, receiptFor('dev-w', 3, hashes[2]!), isoTime(T));
    expect(readWitness()).toEqual({ 'dev-w': { seq: 5, received: 3 } });
    expect(await findLoss(db)).toEqual([]);
  });

  it('names the chain, what it had, what is left and what the server holds when the database was wiped', async () => {
    const hashes = await seal(4);
    await applyReceipt(db, receiptFor('dev-w', 2, hashes[1]!), isoTime(T));
    await seal(1, 'local-practice');
    await wipe();
    expect(await findLoss(db)).toEqual([
      { deviceId: 'dev-w', had: 4, has: 0, received: 2 },
      { deviceId: 'local-practice', had: 1, has: 0, received: 0 },
    ]);
    // New seals on the empty database do not hide the loss before the user has taken note of it.
    await seal(1);
    expect(await findLoss(db)).toEqual([
      { deviceId: 'dev-w', had: 4, has: 1, received: 2 },
      { deviceId: 'local-practice', had: 1, has: 0, received: 0 },
    ]);
  });

  it('once the user has taken note, remembers what the database holds now and finds no loss', async () => {
    await seal(3);
    await wipe();
    await seal(1);
    await acceptLoss(db);
    expect(readWitness()).toEqual({ 'dev-w': { seq: 1, received: 0 } });
    expect(await findLoss(db)).toEqual([]);
    await seal(1);
    expect(readWitness()).toEqual({ 'dev-w': { seq: 2, received: 0 } });
  });

  it('takes in at start what the database holds beyond it (a receipt applied by the service worker, seals of an older version)', async () => {
    const hashes = await seal(3);
    localStorage.clear(); // as before this version, or a receipt the page did not see
    await applyReceipt(db, receiptFor('dev-w', 2, hashes[1]!), isoTime(T));
    localStorage.setItem('pingyi:chains', JSON.stringify({ 'dev-w': { seq: 1, received: 0 } }));
    await rememberHeld(db);
    expect(readWitness()).toEqual({ 'dev-w': { seq: 3, received: 2 } });
  });

  it('counts the receipts the service worker applied when the database is lost before the next start', async () => {
    const caches = fakeCaches();
    const hashes = await seal(4);
    await applyInWorker(caches, receiptFor('dev-w', 3, hashes[2]!));
    expect(readWitness()).toEqual({ 'dev-w': { seq: 4, received: 0 } });
    await wipe();
    expect(await findLoss(db, undefined, workerReceipts(caches))).toEqual([{ deviceId: 'dev-w', had: 4, has: 0, received: 3 }]);
  });

  it("folds the service worker's receipts into the witness at a start with nothing lost, and after a loss is noted", async () => {
    const caches = fakeCaches();
    const worker = workerReceipts(caches)!;
    const hashes = await seal(3);
    await applyInWorker(caches, receiptFor('dev-w', 2, hashes[1]!));
    expect(await worker.read()).toEqual({ 'dev-w': 2 });
    await rememberHeld(db, localStorage, worker);
    expect(readWitness()).toEqual({ 'dev-w': { seq: 3, received: 2 } });
    expect(await worker.read()).toEqual({});
    // After a loss the user has noted, what the worker remembered does not bring it back.
    await applyInWorker(caches, receiptFor('dev-w', 3, hashes[2]!));
    await wipe();
    await acceptLoss(db, localStorage, worker);
    expect(await findLoss(db, localStorage, worker)).toEqual([]);
  });

  it('takes anything not of its shape in localStorage as nothing remembered, never as a loss', async () => {
    for (const junk of ['not json', '[1,2]', 'null', '{"dev-w":"x"}', '{"dev-w":{"seq":-3,"received":1.5}}']) {
      localStorage.setItem('pingyi:chains', junk);
      expect(await findLoss(db)).toEqual([]);
    }
    // A witness that cannot be read is started again by the next seal.
    witnessSeal('dev-w', 1);
    expect(readWitness()['dev-w']).toEqual({ seq: 1, received: 0 });
  });
});
