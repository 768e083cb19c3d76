import { frontierRoot, type Frontier } from '../../protocol/merkle';
import { appendLeaves, nodeSha256, type CompletedSubtree } from '../hashing';
import type { InsertRows } from './bulk';
import { SUBTREE_MIN_HEIGHT } from './log-subtrees';
import type { StoreDialect } from './migrations/kit';
import type { Tx } from './schema';
import type { Prepared } from './sqlite-prepared';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Where appended leaves went: the first one's index, and the log's new size and root. */
export interface LogAppend {
  base: number;
  size: number;
  root: string;
}

/**
 * Appends RFC 6962 leaf hashes to the audit log inside `tx`: the leaves, the subtrees of 256 leaves
 * or more they complete (store/log-subtrees.ts) and the new frontier and root. The one writer of
 * the log: record batches (ingest-tx.ts) and office actions (office-tx.ts) both append through it.
 *
 * Serialisation: PostgreSQL locks the `log_state` row (SELECT … FOR UPDATE) until the transaction
 * ends; SQLite transactions are BEGIN IMMEDIATE, so one writer runs at a time anyway. Callers take
 * their other row locks (a device row) before this one, so lock order is always rows → log.
 */
export async function appendToLog(
  tx: Tx,
  dialect: StoreDialect,
  insertRows: InsertRows,
  leaves: readonly Uint8Array[],
  prepared?: Prepared,
): Promise<LogAppend> {
  const fast = dialect === 'sqlite' ? prepared : undefined;
  const row = fast
    ? (fast('select size, frontier from log_state where id = 1').get() as { size: number; frontier: string })
    : await tx
        .selectFrom('log_state')
        .select(['size', 'frontier'])
        .where('id', '=', 1)
        .$if(dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirstOrThrow();
  const before: Frontier = { size: row.size, nodes: (JSON.parse(row.frontier) as string[]).map((h) => Buffer.from(h, 'hex')) };
  const subtrees: CompletedSubtree[] = [];
  const frontier = appendLeaves(before, leaves, { minHeight: SUBTREE_MIN_HEIGHT, into: subtrees });
  const root = hex(frontierRoot(frontier, nodeSha256));
  await insertRows(
    tx,
    'log_leaves',
    ['idx', 'leaf_hash'],
    leaves.map((leaf, i) => [before.size + i, leaf]),
  );
  if (subtrees.length > 0)
    await insertRows(
      tx,
      'log_subtrees',
      ['height', 'idx', 'hash'],
      subtrees.map((s) => [s.height, s.index, s.hash]),
    );
  const state = { size: frontier.size, frontier: JSON.stringify(frontier.nodes.map(hex)), root };
  if (fast) fast('update log_state set size = ?, frontier = ?, root = ? where id = 1').run(state.size, state.frontier, state.root);
  else await tx.updateTable('log_state').set(state).where('id', '=', 1).execute();
  return { base: before.size, size: frontier.size, root };
}
