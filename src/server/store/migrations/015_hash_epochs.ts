import { sql, type Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/**
 * Records by hash, indexed within epochs of log indices (store/rows.ts EPOCH_BITS, byHashes) in
 * place of one index over every hash: a batch's inserts then dirty the few pages of the current
 * epoch instead of a page per record across the whole index. Same statements on both stores.
 */
export const hashEpochs: PingyiMigration = {
  async up(db: Kysely<any>) {
    await sql`create index records_hash_epoch on records ((log_idx >> 14), hash_key)`.execute(db);
    await db.schema.dropIndex('records_hash_key').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.createIndex('records_hash_key').on('records').column('hash_key').execute();
    await db.schema.dropIndex('records_hash_epoch').execute();
  },
};
