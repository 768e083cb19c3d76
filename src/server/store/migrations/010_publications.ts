import type { Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/**
 * Publications (公示, PROTOCOL.md "Results the office publishes"): every signed tally the office
 * made public, immutable, with who and when and the hash of its office action. The public route
 * serves the highest version of a campaign; nothing else of the store is public.
 */
export const publications: PingyiMigration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('publications')
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      // 1, 2, 3 … per campaign; rows are never updated or deleted.
      .addColumn('version', 'integer', (c) => c.notNull())
      // canon(tally) exactly as signed, and the server's signature of it.
      .addColumn('tally', 'text', (c) => c.notNull())
      .addColumn('server_sig', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      // H(action) of the `publish` office action that logged it.
      .addColumn('action_hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('publications_pk', ['campaign_id', 'version'])
      .execute();
  },
};
