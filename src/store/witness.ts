import type { PingyiDb } from './db';

/**
 * What the records database held, remembered outside IndexedDB: for each chain of this tablet,
 * the last seq sealed and how far verified server receipts cover it, in localStorage.
 *
 * A browser that cannot open an origin's IndexedDB (a corrupt file after a crash, a full disk,
 * another process still holding it) may delete it and start an empty one. The app would then
 * start as a fresh tablet with no word of the records it lost. localStorage is kept apart from
 * IndexedDB, so the shell compares the two at start (findLoss) and says what is missing.
 * Written after each seal and each receipt has committed, so it is never ahead of the database
 * unless the database lost what it had. The service worker, which applies receipts when no page is
 * open (background sync) and has no localStorage, remembers them in Cache Storage instead (also
 * apart from IndexedDB, `WorkerReceipts`); the next start counts them and folds them in.
 */
export interface ChainWitness {
  /** The highest seq sealed on this chain. */
  seq: number;
  /** The chain's records through this seq are on the server (verified receipts). */
  received: number;
}

/** Chains by device id. */
export type Witness = Record<string, ChainWitness>;

/** What the witness needs of localStorage (declared here: the service worker, which imports this file, has no DOM types). */
export interface WitnessStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'pingyi:chains';

/** The browser's localStorage, or undefined where there is none or it may not be used. */
export function browserWitnessStore(): WitnessStore | undefined {
  try {
    return (globalThis as { localStorage?: WitnessStore }).localStorage;
  } catch {
    return undefined; // storage access refused (a sandboxed frame, a policy)
  }
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);

/** The witness; anything not of its shape counts as nothing remembered. */
export function readWitness(store = browserWitnessStore()): Witness {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store?.getItem(KEY) ?? '{}');
  } catch {
    return {};
  }
  const out: Witness = {};
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
  for (const [deviceId, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (!v || typeof v !== 'object') continue;
    const { seq, received } = v as Record<string, unknown>;
    out[deviceId] = { seq: count(seq), received: count(received) };
  }
  return out;
}

/** Replaces the whole witness (after the user has been told of a loss: what the database holds now). */
export function writeWitness(w: Witness, store = browserWitnessStore()): void {
  try {
    store?.setItem(KEY, JSON.stringify(w));
  } catch {
    // A full or refused localStorage only means a later loss goes unnoticed: never fail a seal for it.
  }
}

/** Moves one chain's figures forward (never back: only a loss makes the database hold less). */
function advance(deviceId: string, next: Partial<ChainWitness>, store: WitnessStore | undefined): void {
  if (!store) return;
  const w = readWitness(store);
  raise(w, deviceId, next);
  writeWitness(w, store);
}

/** Raises one chain of an in-memory witness to at least `next`. */
function raise(w: Witness, deviceId: string, next: Partial<ChainWitness>): void {
  const old = w[deviceId] ?? { seq: 0, received: 0 };
  w[deviceId] = { seq: Math.max(old.seq, next.seq ?? 0), received: Math.max(old.received, next.received ?? 0) };
}

/** A record of the chain was sealed at `seq` (its transaction has committed). */
export function witnessSeal(deviceId: string, seq: number, store = browserWitnessStore()): void {
  advance(deviceId, { seq }, store);
}

/**
 * A verified receipt covers the chain through `throughSeq` (its mark is stored). Where there is no
 * localStorage (the service worker), in `worker` instead.
 */
export async function witnessReceipt(deviceId: string, throughSeq: number, store = browserWitnessStore(), worker = workerReceipts()): Promise<void> {
  if (store) advance(deviceId, { seq: throughSeq, received: throughSeq }, store);
  else await worker?.add(deviceId, throughSeq).catch(() => undefined);
}

/** What the service worker remembers of the receipts it applied: through which seq, by chain. */
export interface WorkerReceipts {
  read(): Promise<Record<string, number>>;
  add(deviceId: string, throughSeq: number): Promise<void>;
  clear(): Promise<void>;
}

/** What WorkerReceipts needs of Cache Storage (declared here: the page and the worker both use it). */
export interface CacheStorageLike {
  open(name: string): Promise<{
    match(request: string): Promise<Response | undefined>;
    put(request: string, response: Response): Promise<void>;
    delete(request: string): Promise<boolean>;
  }>;
}

const RECEIPTS_CACHE = 'pingyi-witness';
const RECEIPTS_ENTRY = '/pingyi-witness/receipts.json';

/** WorkerReceipts in Cache Storage (one JSON entry), or undefined where there is none. */
export function workerReceipts(caches = (globalThis as { caches?: CacheStorageLike }).caches): WorkerReceipts | undefined {
  if (!caches) return undefined;
  const read = async (): Promise<Record<string, number>> => {
    try {
      const res = await (await caches.open(RECEIPTS_CACHE)).match(RECEIPTS_ENTRY);
      const parsed: unknown = res ? await res.json() : {};
      const out: Record<string, number> = {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [deviceId, v] of Object.entries(parsed as Record<string, unknown>)) if (count(v) > 0) out[deviceId] = count(v);
      }
      return out;
    } catch {
      return {};
    }
  };
  return {
    read,
    async add(deviceId, throughSeq) {
      const all = await read();
      all[deviceId] = Math.max(all[deviceId] ?? 0, throughSeq);
      await (await caches.open(RECEIPTS_CACHE)).put(RECEIPTS_ENTRY, new Response(JSON.stringify(all), { headers: { 'content-type': 'application/json' } }));
    },
    async clear() {
      await (await caches.open(RECEIPTS_CACHE)).delete(RECEIPTS_ENTRY);
    },
  };
}

/** A chain whose database holds fewer records than were sealed on it. */
export interface ChainLoss {
  deviceId: string;
  /** The highest seq sealed on the chain, as remembered. */
  had: number;
  /** The highest seq the database holds now. */
  has: number;
  /** Through this seq the records are on the server. */
  received: number;
}

/**
 * The chains the database lost records of: remembered higher than it holds now (none on a new
 * tablet), the service worker's receipts counted.
 */
export async function findLoss(db: PingyiDb, store = browserWitnessStore(), worker = workerReceipts()): Promise<ChainLoss[]> {
  const w = readWitness(store);
  for (const [deviceId, through] of Object.entries((await worker?.read()) ?? {})) raise(w, deviceId, { seq: through, received: through });
  const ids = Object.keys(w);
  if (ids.length === 0) return [];
  const heads = await db.heads.bulkGet(ids);
  return ids.flatMap((deviceId, i) => {
    const has = heads[i]?.seq ?? 0;
    const { seq: had, received } = w[deviceId]!;
    return has < had ? [{ deviceId, had, has, received: Math.min(received, had) }] : [];
  });
}

/**
 * Moves the witness up to what the database holds: at a start with nothing lost, so receipts the
 * service worker applied (it has no localStorage) and seals of an older version are in it too.
 */
export async function rememberHeld(db: PingyiDb, store = browserWitnessStore(), worker = workerReceipts()): Promise<void> {
  if (!store) return;
  const [heads, marks] = await Promise.all([db.heads.toArray(), db.received.toArray()]);
  const w = readWitness(store);
  for (const h of heads) raise(w, h.deviceId, { seq: h.seq });
  for (const m of marks) raise(w, m.deviceId, { seq: m.throughSeq, received: m.throughSeq });
  writeWitness(w, store);
  // The worker's receipts are in the witness now (their marks are in the database).
  await worker?.clear().catch(() => undefined);
}

/** After the user has been told of a loss: the witness becomes what the database holds now. */
export async function acceptLoss(db: PingyiDb, store = browserWitnessStore(), worker = workerReceipts()): Promise<void> {
  writeWitness({}, store);
  await rememberHeld(db, store, worker);
}
