import type { FastifyInstance } from 'fastify';
import { Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/protocol/canon';
import { consistencyProofFrom, emptyFrontier, frontierRoot, inclusionProofFrom, rootFromLeaves } from '../../src/protocol/merkle';
import { appendLeaves, leafHashOfCanon, nodeSha256 } from '../../src/server/hashing';
import { migrationProvider } from '../../src/server/store/migrations';
import type { Store } from '../../src/server/store/types';
import { availableBackends, openRaw, startServer, type Backend, type Place, type TestServer } from './harness';
import { recordRow } from './helpers';

const backends = await availableBackends();

/** A small seeded generator (mulberry32): the same sizes on every run. */
function random(seed: number) {
  return (below: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

const recordHash = (i: number) => toHex(nodeSha256(new TextEncoder().encode(`record ${i}`)));
const canonOf = (i: number) => `{"n":${i},"text":"记录 ${i}"}`;

/** The log as the test knows it: every leaf hash, in order, and the record hash of each. */
interface KnownLog {
  leaves: Uint8Array[];
  hashes: string[];
}

/**
 * The leaves the store appended by itself after those the test knows: the office action of its
 * demo campaign's version 1, written when a store without it opens (store/open.ts), found by its
 * hash like a record.
 */
async function knownFromStore(store: Store, log: KnownLog): Promise<void> {
  const from = log.leaves.length;
  const rows = await store.db
    .selectFrom('log_leaves as l')
    .innerJoin('office_actions as a', 'a.log_idx', 'l.idx')
    .select(['l.idx', 'l.leaf_hash', 'a.hash'])
    .where('l.idx', '>=', from)
    .orderBy('l.idx')
    .execute();
  expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => from + i));
  expect((await store.logHead()).size).toBe(from + rows.length);
  for (const r of rows) {
    log.leaves.push(new Uint8Array(r.leaf_hash));
    log.hashes.push(r.hash);
  }
}

/** Appends leaves n … n+count-1 through the ingest transaction, as one batch. */
async function appendBatch(store: Store, log: KnownLog, count: number): Promise<void> {
  const base = log.leaves.length;
  const records = Array.from({ length: count }, (_, j) => {
    const i = base + j;
    const canon = canonOf(i);
    const leafHash = leafHashOfCanon(canon);
    log.leaves.push(leafHash);
    log.hashes.push(recordHash(i));
    const record = { id: `rec-${i}`, seq: i + 1, campaignId: 'demo', type: 'note', body: {}, collector: '张三', sealedAt: '2026-06-15T01:00:00.000Z' };
    return { record: record as any, hash: recordHash(i), canon, leafHash, units: [] };
  });
  const header = { deviceId: 'log-test', fromSeq: base + 1, toSeq: base + count } as any;
  const head = await store.ingest((tx) =>
    tx.append({
      deviceId: 'log-test',
      header,
      sig: 'sig',
      receivedAt: '2026-06-15T01:00:00.000Z',
      records,
      projection: { inserts: [], updates: [], deletes: [] },
    }),
  );
  expect(head.size).toBe(log.leaves.length);
}

/**
 * MTH of leaves [start, end) of the log, from its leaf hashes (RFC 6962: split at the largest power
 * of two below the size), each range computed once per log: the leaves of a log never change, so
 * every proof and root below reuses the subtrees earlier ones hashed.
 */
const rangeRoots = new WeakMap<KnownLog, Map<string, Uint8Array>>();
function rangeRootOf(log: KnownLog): (start: number, end: number) => Uint8Array {
  let memo = rangeRoots.get(log);
  if (!memo) rangeRoots.set(log, (memo = new Map()));
  const known = memo;
  const root = (start: number, end: number): Uint8Array => {
    const key = `${start}:${end}`;
    let r = known.get(key);
    if (!r) {
      if (end - start === 1) r = log.leaves[start]!;
      else {
        let k = 1;
        while (k * 2 < end - start) k *= 2;
        r = nodeSha256(Buffer.concat([Buffer.of(1), root(start, start + k), root(start + k, end)]));
      }
      known.set(key, r);
    }
    return r;
  };
  return root;
}

/** The answers of the routes as they were computed before log_subtrees: from every leaf hash. */
const reference = {
  inclusion(log: KnownLog, index: number, size: number) {
    const root = rangeRootOf(log);
    return {
      logIndex: index,
      logSize: size,
      logRoot: toHex(root(0, size)),
      leafHash: toHex(log.leaves[index]!),
      proof: inclusionProofFrom(index, size, root).map(toHex),
    };
  },
  consistency(log: KnownLog, from: number, to: number) {
    const root = rangeRootOf(log);
    return {
      from,
      to,
      fromRoot: toHex(from === 0 ? rootFromLeaves([], nodeSha256) : root(0, from)),
      toRoot: toHex(root(0, to)),
      proof: consistencyProofFrom(from, to, root).map(toHex),
    };
  },
};

let calls = 0;
/** GET through the whole app; each call from its own client address (the proof routes are rate-limited per address). */
async function get(app: FastifyInstance, url: string): Promise<{ status: number; body: any }> {
  const n = ++calls;
  const r = await app.inject({ method: 'GET', url, remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
  return { status: r.statusCode, body: r.json() };
}

/** Every proof the routes give for these sizes equals the all-leaves computation. */
async function expectSameProofs(app: FastifyInstance, log: KnownLog, pairs: [number, number][], inclusions: [number, number][]): Promise<void> {
  for (const [from, to] of pairs) {
    const r = await get(app, `/api/v1/log/consistency?from=${from}&to=${to}`);
    expect(r, `consistency ${from} → ${to}`).toEqual({ status: 200, body: reference.consistency(log, from, to) });
  }
  for (const [index, size] of inclusions) {
    const r = await get(app, `/api/v1/log/inclusion?hash=${log.hashes[index]}&size=${size}`);
    expect(r, `inclusion of ${index} in ${size}`).toEqual({ status: 200, body: reference.inclusion(log, index, size) });
  }
}

/** log_subtrees holds exactly the complete, aligned subtrees of 256 leaves or more, with their roots. */
async function expectStoredSubtrees(store: Store, log: KnownLog): Promise<void> {
  const rows = await store.db.selectFrom('log_subtrees').select(['height', 'idx', 'hash']).orderBy('height').orderBy('idx').execute();
  const expected: { height: number; idx: number; hash: string }[] = [];
  const root = rangeRootOf(log);
  for (let height = 8; 2 ** height <= log.leaves.length; height++) {
    for (let idx = 0; (idx + 1) * 2 ** height <= log.leaves.length; idx++) {
      expected.push({ height, idx, hash: toHex(root(idx * 2 ** height, (idx + 1) * 2 ** height)) });
    }
  }
  expect(rows.map((r) => ({ height: r.height, idx: r.idx, hash: toHex(new Uint8Array(r.hash)) }))).toEqual(expected);
}

/** Sizes up to `size`: the first ones, around the block boundaries of 256 · 2^k and the last two blocks, the end, and a few at random. */
function sizesToTry(size: number, rnd: (below: number) => number): number[] {
  const out = new Set([1, 2, 3, size - 1, size]);
  const lastBlock = Math.floor(size / 256) * 256;
  for (const b of [256, 512, 1024, 2048, 4096, 32_768, lastBlock - 256, lastBlock]) for (const n of [b - 1, b, b + 1]) out.add(n);
  for (let i = 0; i < 6; i++) out.add(1 + rnd(size));
  return [...out].filter((n) => n >= 1 && n <= size);
}

function proofCases(size: number, rnd: (below: number) => number): { pairs: [number, number][]; inclusions: [number, number][] } {
  const sizes = sizesToTry(size, rnd);
  const pairs: [number, number][] = [];
  const inclusions: [number, number][] = [];
  // What a tablet asks at the end of a sync (to the current size) from each of those sizes; and
  // older trees, whose last block is stored whole although the range ends inside it.
  for (const from of [0, ...sizes]) pairs.push([from, size]);
  for (const to of sizes) {
    pairs.push([rnd(to + 1), to]);
    inclusions.push([rnd(to), to]);
    if (to < size) inclusions.push([to, size]);
  }
  pairs.push([0, 1], [1, 1], [3, 3]);
  inclusions.push([0, 1], [0, size], [size - 1, size]);
  return { pairs: pairs.filter(([, to]) => to <= size), inclusions };
}

describe.each(backends.map((b) => [b.name, b] as const))('log proofs from stored subtrees (%s)', (_name, backend: Backend) => {
  let place: Place;
  let server: TestServer;
  let store: Store;
  let app: FastifyInstance;
  const log: KnownLog = { leaves: [], hashes: [] };
  const rnd = random(20260615);

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    ({ store, app } = server);
    await knownFromStore(store, log);
    expect(log.leaves.length).toBe(1);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  // Grown in batches of random sizes (blocks completed across batches, several at once, by a single
  // leaf), stopping at sizes below one block, at exact multiples of it and one past.
  it.each([1, 200, 255, 256, 257, 511, 512, 513, 1000, 1024, 1025, 2048, 2049, 3333, 4096, 4097])(
    'at %i leaves equals the all-leaves computation',
    { timeout: 60_000 },
    async (target) => {
      while (log.leaves.length < target) await appendBatch(store, log, Math.min(target - log.leaves.length, 1 + rnd(rnd(2) ? 20 : 500)));
      const { pairs, inclusions } = proofCases(target, rnd);
      await expectSameProofs(app, log, pairs, inclusions);
      await expectStoredSubtrees(store, log);
    },
  );

  it('reads no leaf of the whole blocks between the edges', async () => {
    // Leaf hashes of blocks 1 … 14 gone: proofs that only need the blocks at their edges still hold.
    const size = log.leaves.length;
    expect(size).toBe(4097);
    await store.db
      .deleteFrom('log_leaves')
      .where('idx', '>=', 256)
      .where('idx', '<', 15 * 256)
      .execute();
    await expectSameProofs(
      app,
      log,
      [
        [4000, size],
        [200, size],
        [256, size],
        [200, 3900],
        [0, size],
        [0, 3841],
      ],
      [
        [10, size],
        [4096, size],
        [3999, 4000],
        [100, 3841],
      ],
    );
  });

  it('gives the same errors as before', async () => {
    const size = log.leaves.length;
    expect(await get(app, `/api/v1/log/consistency?from=2&to=${size + 1}`)).toEqual({
      status: 404,
      body: { error: 'not-found', message: `The log holds ${size} leaves; ask for a size up to that.` },
    });
    expect(await get(app, `/api/v1/log/consistency?from=9&to=8`)).toEqual({
      status: 400,
      body: { error: 'malformed', message: 'from must not be larger than to.' },
    });
    expect(await get(app, `/api/v1/log/inclusion?hash=${log.hashes[300]}&size=300`)).toEqual({
      status: 404,
      body: { error: 'not-found', message: 'The record is leaf 300, after the first 300 leaves.' },
    });
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('migration 004 on a log filled before it (%s)', (name, backend: Backend) => {
  let place: Place;
  let server: TestServer;
  let store: Store;
  let app: FastifyInstance;
  // More leaves than the migration reads at once (32,768), ending inside a block.
  const SIZE = 33_000;
  const log: KnownLog = { leaves: [], hashes: [] };

  beforeAll(async () => {
    place = await backend.create({ empty: true });
    // A store at migration 003 with a log of SIZE leaves, written as appends wrote it then: leaves,
    // the frontier and root in log_state, and records (a few: the inclusion route looks them up).
    const old: Kysely<any> = openRaw(place);
    try {
      const { error } = await new Migrator({ db: old, provider: migrationProvider(name) }).migrateTo('003_lean_appends');
      if (error) throw error;
      for (let i = 0; i < SIZE; i++) {
        log.leaves.push(leafHashOfCanon(canonOf(i)));
        log.hashes.push(recordHash(i));
      }
      for (let i = 0; i < SIZE; i += 1000) {
        await old
          .insertInto('log_leaves')
          .values(log.leaves.slice(i, i + 1000).map((leaf_hash, j) => ({ idx: i + j, leaf_hash })))
          .execute();
      }
      const frontier = appendLeaves(emptyFrontier(), log.leaves);
      await old
        .updateTable('log_state')
        .set({ size: SIZE, frontier: JSON.stringify(frontier.nodes.map(toHex)), root: toHex(frontierRoot(frontier, nodeSha256)) })
        .where('id', '=', 1)
        .execute();
      for (const i of [0, 255, 256, 12_345, 32_767, 32_768, SIZE - 1]) {
        await old
          .insertInto('records')
          .values(recordRow(i, log.hashes[i]!, canonOf(i), 'log-test'))
          .execute();
      }
    } finally {
      await old.destroy();
    }
    server = await startServer(place);
    ({ store, app } = server);
    await knownFromStore(store, log);
    expect(log.leaves.length).toBe(SIZE + 1);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('fills log_subtrees from the stored leaves', async () => {
    await expectStoredSubtrees(store, log);
  });

  it('then gives the proofs the all-leaves computation gives', { timeout: 120_000 }, async () => {
    const rnd = random(33_000);
    const pairs: [number, number][] = [0, 1, 255, 256, 257, 4096, 20_000 + rnd(5000), 32_767, 32_768, 32_769, SIZE - 1, SIZE].map((from) => [from, SIZE]);
    pairs.push([1000, 32_768], [32_768 - 255, 32_768 + 7], [rnd(30_000), 30_000 + rnd(3000)]);
    const inclusions: [number, number][] = [0, 255, 256, 12_345, 32_767, 32_768, SIZE - 1].flatMap((i) => [
      [i, SIZE],
      [i, i + 1],
      [i, i + 1 + rnd(SIZE - i)],
    ]);
    await expectSameProofs(app, log, pairs, inclusions);
  });

  it('keeps storing subtrees as appends complete the block the migration left partial', async () => {
    for (const count of [40, 100, 500, 1]) await appendBatch(store, log, count);
    await expectStoredSubtrees(store, log);
    const size = log.leaves.length;
    await expectSameProofs(
      app,
      log,
      [
        [SIZE, size],
        [SIZE - 1, size],
        [33_024, size],
        [1, size],
      ],
      [
        [SIZE, size],
        [size - 1, size],
      ],
    );
  });
});
