import { sql, type Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

const ROWS_PER_READ = 50_000;
const ROWS_PER_INSERT = 500;

/**
 * Sealing times as rows (the holds at ingest, server/ingest/holds.ts): migration 006 kept a device's
 * f2f times of a day as one JSON array that every batch read and wrote whole, so a batch cost grew
 * with the day's questionnaires. Now:
 * - `f2f_seal_times`: one row per f2f a device sealed (device, sealedAt in ms, seq), keyed in that
 *   order, so that a batch reads only the times near its own; filled from the stored f2f records,
 *   the same f2f the arrays held.
 * - `device_days` keeps one count per device and day (the daily cap) in place of the array: each
 *   day's count is its array's length.
 */
export const sealTimes: PingyiMigration = {
  async up(db: Kysely<any>, dialect) {
    const s = db.schema;
    await s
      .createTable('f2f_seal_times')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('sealed_ms', 'bigint', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('f2f_seal_times_pk', ['device_id', 'sealed_ms', 'seq'])
      .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
      .execute();

    // A slice of the log at a time, as 006 filled the arrays.
    const size = Number((await db.selectFrom('log_state').select('size').executeTakeFirst())?.size ?? 0);
    for (let from = 0; from < size; from += ROWS_PER_READ) {
      const rows = await db
        .selectFrom('records')
        .select(['device_id', 'seq', 'sealed_at'])
        .where('type', '=', 'f2f')
        .where('log_idx', '>=', from)
        .where('log_idx', '<', from + ROWS_PER_READ)
        .execute();
      const values = rows.map((r) => ({ device_id: r.device_id, sealed_ms: Date.parse(r.sealed_at), seq: r.seq }));
      for (let i = 0; i < values.length; i += ROWS_PER_INSERT)
        await db
          .insertInto('f2f_seal_times')
          .values(values.slice(i, i + ROWS_PER_INSERT))
          .execute();
    }

    await s
      .alterTable('device_days')
      .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    const length = dialect === 'postgres' ? sql`json_array_length(times::json)` : sql`json_array_length(times)`;
    await sql`update device_days set count = ${length}`.execute(db);
    await s.alterTable('device_days').dropColumn('times').execute();
  },
};
