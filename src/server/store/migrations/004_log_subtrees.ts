import { sql, type Kysely } from 'kysely';
import { emptyFrontier, frontierRoot, type Frontier } from '../../../protocol/merkle';
import { appendLeaves, nodeSha256, type CompletedSubtree } from '../../hashing';
import { SUBTREE_MIN_HEIGHT } from '../log-subtrees';
import { bytesType, type PingyiMigration } from './kit';

/** Leaf hashes read per query while filling the table: 32 bytes each, so a few MiB at a time. */
const LEAVES_PER_READ = 32_768;
const ROWS_PER_INSERT = 500;

/**
 * `log_subtrees`: the root of every complete, aligned perfect subtree of the audit log of 256
 * leaves or more (store/log-subtrees.ts), so that inclusion and consistency proofs read O(log n)
 * rows instead of every leaf hash. Appends write the subtrees they complete; this fills the table
 * from the leaves stored before, a slice at a time (memory stays bounded by one slice and the
 * frontier), and checks that those leaves give the log's current size and root.
 */
export const logSubtrees: PingyiMigration = {
  async up(db: Kysely<any>, dialect) {
    await db.schema
      .createTable('log_subtrees')
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('idx', 'integer', (c) => c.notNull())
      .addColumn('hash', bytesType(dialect), (c) => c.notNull())
      .addPrimaryKeyConstraint('log_subtrees_pk', ['height', 'idx'])
      // SQLite: the primary key is the table (no second B-tree for a rowid).
      .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
      .execute();

    let frontier: Frontier = emptyFrontier();
    for (;;) {
      const rows = await db
        .selectFrom('log_leaves')
        .select(['idx', 'leaf_hash'])
        .where('idx', '>=', frontier.size)
        .where('idx', '<', frontier.size + LEAVES_PER_READ)
        .orderBy('idx')
        .execute();
      if (rows.length === 0) break;
      rows.forEach((r, i) => {
        if (Number(r.idx) !== frontier.size + i) throw new Error(`log_leaves has no leaf ${frontier.size + i}`);
      });
      const completed: CompletedSubtree[] = [];
      frontier = appendLeaves(
        frontier,
        rows.map((r) => new Uint8Array(r.leaf_hash)),
        { minHeight: SUBTREE_MIN_HEIGHT, into: completed },
      );
      for (let i = 0; i < completed.length; i += ROWS_PER_INSERT) {
        await db
          .insertInto('log_subtrees')
          .values(completed.slice(i, i + ROWS_PER_INSERT).map((s) => ({ height: s.height, idx: s.index, hash: s.hash })))
          .execute();
      }
    }

    const state = await db.selectFrom('log_state').select(['size', 'root']).where('id', '=', 1).executeTakeFirstOrThrow();
    const root = Buffer.from(frontierRoot(frontier, nodeSha256)).toString('hex');
    if (Number(state.size) !== frontier.size || state.root !== root) {
      throw new Error(`log_leaves give ${frontier.size} leaves with root ${root}, log_state says ${state.size} and ${state.root}`);
    }
  },
};
