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
 * unless the database lost what it had.
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

/** A verified receipt covers the chain through `throughSeq` (its mark is stored). */
export function witnessReceipt(deviceId: string, throughSeq: number, store = browserWitnessStore()): void {
  advance(deviceId, { seq: throughSeq, received: throughSeq }, store);
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

/** The chains the database lost records of: remembered higher than it holds now (none on a new tablet). */
export async function findLoss(db: PingyiDb, store = browserWitnessStore()): Promise<ChainLoss[]> {
  const w = readWitness(store);
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
export async function rememberHeld(db: PingyiDb, store = browserWitnessStore()): Promise<void> {
  if (!store) return;
  const [heads, marks] = await Promise.all([db.heads.toArray(), db.received.toArray()]);
  const w = readWitness(store);
  for (const h of heads) raise(w, h.deviceId, { seq: h.seq });
  for (const m of marks) raise(w, m.deviceId, { seq: m.throughSeq, received: m.throughSeq });
  writeWitness(w, store);
}

/** After the user has been told of a loss: the witness becomes what the database holds now. */
export async function acceptLoss(db: PingyiDb, store = browserWitnessStore()): Promise<void> {
  writeWitness({}, store);
  await rememberHeld(db, store);
}
