import type { Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/**
 * Opinions sorted (归纳梳理, 甄别): the tags and note the office set on each opinion, complaint or
 * finding of a campaign, by its ref (the record hash, `/<i>` for the i-th item of a forum or stall
 * record). One row per ref, the latest decision; every decision is also an office action
 * (`opinion-tags`), so the history is in the audit log.
 */
export const opinionTags: PingyiMigration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('opinion_tags')
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      // JSON array of tag ids (src/domain/opinions.ts OPINION_TAGS).
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('opinion_tags_pk', ['campaign_id', 'ref'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('opinion_tags').execute();
  },
};
