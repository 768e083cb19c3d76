import type { Kysely } from 'kysely';
import { nodeHash, subtreeRoot, type RangeRoot } from '../../protocol/merkle';
import { nodeSha256 } from '../hashing';
import type { CoreTables } from './schema';

/**
 * The audit log keeps the root of every complete, aligned perfect subtree of 2^8 = 256 leaves or
 * more in `log_subtrees` (written by the append that completes it; migration 004 filled it for the
 * leaves before). A proof over n leaves then reads O(log n) of those roots and, for the ranges that
 * do not fill a block of 256, at most a block of leaf hashes at each edge. Changing the height
 * needs a migration that rewrites the table.
 */
export const SUBTREE_MIN_HEIGHT = 8;
export const BLOCK = 2 ** SUBTREE_MIN_HEIGHT;

const ZERO_HASH = new Uint8Array(32);

/** Where a range root comes from: a stored subtree, or a range of leaves inside one block. */
interface RangeSources {
  subtree(height: number, index: number): Uint8Array;
  leaves(start: number, end: number): Uint8Array;
}

/**
 * MTH of [start, end) for ranges as RFC 6962's recursion makes them (merkle.ts RangeRoot): a
 * perfect range of a block or more is a stored subtree; a range of up to a block lies inside one
 * block and is hashed from its leaves; a longer one is split as RFC 6962 splits it. Memoised: the
 * ranges of one proof nest.
 */
function rangeRootFrom(sources: RangeSources): RangeRoot {
  const memo = new Map<string, Uint8Array>();
  const root = (start: number, end: number): Uint8Array => {
    const key = `${start}:${end}`;
    let r = memo.get(key);
    if (r) return r;
    const n = end - start;
    if (n >= BLOCK && Number.isInteger(Math.log2(n))) {
      if (start % n !== 0) throw new RangeError(`leaves [${start}, ${end}) are not an aligned subtree`);
      r = sources.subtree(Math.log2(n), start / n);
    } else if (n <= BLOCK) {
      if (Math.floor(start / BLOCK) !== Math.floor((end - 1) / BLOCK)) throw new RangeError(`leaves [${start}, ${end}) cross a block`);
      r = sources.leaves(start, end);
    } else {
      let k = BLOCK;
      while (k * 2 < n) k *= 2;
      r = nodeHash(root(start, start + k), root(start + k, end), nodeSha256);
    }
    memo.set(key, r);
    return r;
  };
  return root;
}

const subtreeKey = (height: number, index: number) => `${height}:${index}`;

/**
 * Runs `compute` with range roots of the first `size` leaves of the log, reading only the rows it
 * needs. `compute` runs twice: first against placeholders, to learn which stored subtrees and leaf
 * ranges it asks for (the shape of an RFC 6962 proof depends on the sizes alone), then against
 * those rows, read in two queries. Stored subtrees and leaves below the log's size never change,
 * so the reads need no transaction.
 */
export async function withRangeRoots<T>(db: Kysely<CoreTables>, size: number, compute: (rangeRoot: RangeRoot) => T): Promise<T> {
  const subtrees = new Map<string, { height: number; index: number }>();
  const spans = new Map<number, { start: number; end: number }>(); // by block
  compute(
    rangeRootFrom({
      subtree(height, index) {
        subtrees.set(subtreeKey(height, index), { height, index });
        return ZERO_HASH;
      },
      leaves(start, end) {
        if (end > size) throw new RangeError(`leaves [${start}, ${end}) are past the log's ${size} leaves`);
        const block = Math.floor(start / BLOCK);
        const span = spans.get(block);
        if (span) {
          span.start = Math.min(span.start, start);
          span.end = Math.max(span.end, end);
        } else spans.set(block, { start, end });
        return ZERO_HASH;
      },
    }),
  );

  const stored = new Map<string, Uint8Array>();
  if (subtrees.size > 0) {
    const byHeight = new Map<number, number[]>();
    for (const { height, index } of subtrees.values()) byHeight.set(height, [...(byHeight.get(height) ?? []), index]);
    const rows = await db
      .selectFrom('log_subtrees')
      .select(['height', 'idx', 'hash'])
      .where((eb) => eb.or([...byHeight].map(([height, indexes]) => eb.and([eb('height', '=', height), eb('idx', 'in', indexes)]))))
      .execute();
    for (const r of rows) stored.set(subtreeKey(r.height, r.idx), new Uint8Array(r.hash));
  }
  const leaves = new Map<number, Uint8Array>();
  if (spans.size > 0) {
    const rows = await db
      .selectFrom('log_leaves')
      .select(['idx', 'leaf_hash'])
      .where((eb) => eb.or([...spans.values()].map((s) => eb.and([eb('idx', '>=', s.start), eb('idx', '<', s.end)]))))
      .execute();
    for (const r of rows) leaves.set(r.idx, new Uint8Array(r.leaf_hash));
  }

  return compute(
    rangeRootFrom({
      subtree(height, index) {
        const hash = stored.get(subtreeKey(height, index));
        if (!hash) throw new Error(`log_subtrees has no subtree of height ${height} at ${index}`);
        return hash;
      },
      leaves: (start, end) =>
        subtreeRoot(
          start,
          end,
          (i) => {
            const hash = leaves.get(i);
            if (!hash) throw new Error(`log_leaves has no leaf ${i}`);
            return hash;
          },
          nodeSha256,
        ),
    }),
  );
}
