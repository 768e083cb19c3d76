import { sql, type Kysely } from 'kysely';
import { shanghaiDay } from '../../../domain/review';
import type { PingyiMigration } from './kit';

const ROWS_PER_READ = 50_000;
const ROWS_PER_INSERT = 500;

/**
 * Held questionnaires and the office's review (PROTOCOL.md "Held questionnaires"):
 * - f2f_effective gains `state` (counted | held | accepted | excluded), `reasons` (JSON array of
 *   hold reasons, '[]' when never held), and the interview's `created_at` and the server's
 *   `received_at` for the data-quality signals. Questionnaires stored before this migration are
 *   counted, as they were (limits apply from now on); their times are filled from `records`.
 * - `device_days`: per device and Asia/Shanghai day, the sealedAt (ms) of every f2f it sealed, for
 *   the daily cap and the burst limit at ingest (one row read and written per batch and day).
 * - An index over the questionnaires that are not simply counted (a partial one: counted rows,
 *   nearly all of them, cost it nothing), for the review listing. PostgreSQL's covering index of the
 *   tally takes `state` too.
 */
export const review: PingyiMigration = {
  async up(db: Kysely<any>, dialect) {
    const s = db.schema;
    await s
      .alterTable('f2f_effective')
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('counted'))
      .execute();
    await s
      .alterTable('f2f_effective')
      .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await s
      .alterTable('f2f_effective')
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await s
      .alterTable('f2f_effective')
      .addColumn('received_at', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    const createdAt = dialect === 'postgres' ? sql`(r.canon::json->>'createdAt')` : sql`json_extract(r.canon, '$.createdAt')`;
    await sql`update f2f_effective set
      received_at = (select r.received_at from records r where r.id = f2f_effective.original_id),
      created_at = (select ${createdAt} from records r where r.id = f2f_effective.original_id)`.execute(db);
    await s.createIndex('f2f_effective_review').on('f2f_effective').columns(['campaign_id', 'state']).where(sql.ref('state'), '<>', 'counted').execute();
    if (dialect === 'postgres') {
      await s.dropIndex('f2f_effective_tally').execute();
      await s
        .createIndex('f2f_effective_tally')
        .on('f2f_effective')
        .columns(['campaign_id', 'unit_id', 'rater_group', 'overall', 'ratings', 'state'])
        .execute();
    }

    await s
      .createTable('device_days')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('times', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_days_pk', ['device_id', 'day'])
      .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
      .execute();

    // Fill it from the f2f already stored, a slice of the log at a time.
    const days = new Map<string, number[]>();
    const size = Number((await db.selectFrom('log_state').select('size').executeTakeFirstOrThrow()).size);
    for (let from = 0; from < size; from += ROWS_PER_READ) {
      const rows = await db
        .selectFrom('records')
        .select(['device_id', 'sealed_at'])
        .where('type', '=', 'f2f')
        .where('log_idx', '>=', from)
        .where('log_idx', '<', from + ROWS_PER_READ)
        .execute();
      for (const r of rows) {
        const ms = Date.parse(r.sealed_at);
        const key = `${r.device_id}\u0000${shanghaiDay(ms)}`;
        const list = days.get(key);
        if (list) list.push(ms);
        else days.set(key, [ms]);
      }
    }
    const rows = [...days].map(([key, times]) => {
      const [deviceId, day] = key.split('\u0000');
      return { device_id: deviceId, day, times: JSON.stringify(times.sort((a, b) => a - b)) };
    });
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await db
        .insertInto('device_days')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
  },
};
