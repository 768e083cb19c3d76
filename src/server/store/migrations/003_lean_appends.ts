import { sql, type Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/**
 * Fewer B-tree writes per appended record; every row is kept.
 *
 * - `log_leaves.record_hash` goes: it repeated `records.hash` (same index: `idx` = `log_idx`) and
 *   was never read.
 * - SQLite: `f2f_effective` becomes a WITHOUT ROWID table clustered on (campaign_id, original_id).
 *   Before, each questionnaire was written four times (the rowid table, the original_id key, the
 *   campaign index and the tally's covering index), and the covering index, ordered by unit, group
 *   and answers, took its inserts at random places: a batch dirtied hundreds of its pages, each
 *   written whole to the WAL at commit. Now a questionnaire is one entry near the end of its
 *   campaign's range (UUIDv7 ids grow with time), and the tally reads that range directly.
 *   Original ids stay unique: they are record ids, unique on the server. Rows are found by
 *   (campaign_id, original_id).
 * - PostgreSQL keeps its f2f_effective (heap, key and index-only tally scans suit it).
 */
export const leanAppends: PingyiMigration = {
  async up(db: Kysely<any>, dialect) {
    await db.schema.alterTable('log_leaves').dropColumn('record_hash').execute();
    if (dialect !== 'sqlite') return;

    await db.schema
      .createTable('f2f_effective_clustered')
      .addColumn('original_id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('rater_group', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('overall', 'text', (c) => c.notNull())
      .addColumn('ratings', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('latest_seq', 'integer', (c) => c.notNull())
      .addColumn('sealed_at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('lat_e6', 'integer')
      .addColumn('lon_e6', 'integer')
      .addPrimaryKeyConstraint('f2f_effective_pk', ['campaign_id', 'original_id'])
      .modifyEnd(sql`without rowid`)
      .execute();
    await sql`insert into f2f_effective_clustered
      (original_id, campaign_id, unit_id, rater_group, channel, overall, ratings, device_id, collector, latest_seq, sealed_at, duration_ms, lat_e6, lon_e6)
      select original_id, campaign_id, unit_id, rater_group, channel, overall, ratings, device_id, collector, latest_seq, sealed_at, duration_ms, lat_e6, lon_e6
      from f2f_effective`.execute(db);
    // Dropping the table drops f2f_effective_campaign and f2f_effective_tally with it.
    await db.schema.dropTable('f2f_effective').execute();
    await db.schema.alterTable('f2f_effective_clustered').renameTo('f2f_effective').execute();
  },
};
