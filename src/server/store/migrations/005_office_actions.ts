import type { Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/**
 * `office_actions`: every decision of the office (PROTOCOL.md "Office actions") as the leaf it is
 * in the audit log. `log_idx` is its leaf index, shared with `records.log_idx`: a leaf is either a
 * record or an action, and the two tables together give every leaf's bytes. Rows are never updated
 * or deleted.
 */
export const officeActions: PingyiMigration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('office_actions')
      .addColumn('log_idx', 'integer', (c) => c.primaryKey())
      // H(action) = SHA-256(canon(action)), lowercase hex.
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('campaign_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      // canon(action) as text: exactly the bytes appended to the log.
      .addColumn('canon', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('office_actions_campaign').on('office_actions').columns(['campaign_id', 'log_idx']).execute();
  },
};
