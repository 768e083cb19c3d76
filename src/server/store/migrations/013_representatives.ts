import type { Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/**
 * Representatives (PROTOCOL.md "Representatives"): the roster of each campaign (`roster_people`),
 * its draws (`draws`), the quotas per unit and rater group (`campaign_quotas`), and the roster
 * person an enrollment code names (`enrollment_codes.person_id`), so that disqualifying a person
 * finds the devices enrolled for them.
 */
export const representatives: PingyiMigration = {
  async up(db: Kysely<any>) {
    const s = db.schema;
    await s
      .createTable('roster_people')
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      // The roster's order as the office gave it (its spreadsheet's rows).
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('recommended_by', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      // JSON of the HPKE-sealed contact ({alg, enc, ct}); the server never sees the plaintext.
      .addColumn('contact', 'text')
      // JSON array of the unit ids the person covers.
      .addColumn('units', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('roster_people_pk', ['campaign_id', 'person_id'])
      .execute();

    await s
      .createTable('draws')
      .addColumn('draw_id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('seed', 'text', (c) => c.notNull())
      // JSON group → n, and group → [person id] in draw order.
      .addColumn('strata', 'text', (c) => c.notNull())
      .addColumn('picked', 'text', (c) => c.notNull())
      .addColumn('roster_hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('log_idx', 'integer', (c) => c.notNull())
      .execute();
    await s.createIndex('draws_campaign').on('draws').columns(['campaign_id', 'at']).execute();

    await s
      .createTable('campaign_quotas')
      .addColumn('campaign_id', 'text', (c) => c.primaryKey())
      // JSON unit → group → { quota, issued? }: the whole map in force.
      .addColumn('quotas', 'text', (c) => c.notNull())
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .execute();

    await s.alterTable('enrollment_codes').addColumn('person_id', 'text').execute();
    await s.createIndex('enrollment_codes_person').on('enrollment_codes').columns(['campaign_id', 'person_id']).execute();
  },
};
