import type { Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/**
 * The office's own tables: the manual scores with their whole history (a tally must be
 * reproducible from what was in force, and a change of a figure must be seen), and the people who
 * sign in to the console with their sessions.
 */
export const office: PingyiMigration = {
  async up(db: Kysely<any>) {
    const s = db.schema;
    await s
      .createTable('manual_scores')
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      // 1, 2, 3 … per campaign; the highest is in force. Rows are never updated or deleted.
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('scores', 'text', (c) => c.notNull())
      .addColumn('bonus_ranking', 'text', (c) => c.notNull())
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('manual_scores_pk', ['campaign_id', 'version'])
      .execute();

    await s
      .createTable('people')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      // scrypt$N$r$p$salt$hash (b64u): the parameters travel with the hash so they can be raised later.
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();

    await s
      .createTable('sessions')
      // SHA-256 of the cookie's token: a copy of the database does not hand out live sessions.
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('sessions_username').on('sessions').column('username').execute();

    // The tally reads every counted questionnaire of a campaign: a covering index lets the
    // database answer from the index alone instead of a table lookup per row.
    await s.createIndex('f2f_effective_tally').on('f2f_effective').columns(['campaign_id', 'unit_id', 'rater_group', 'overall', 'ratings']).execute();
  },
};
