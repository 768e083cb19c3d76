import type { Kysely } from 'kysely';
import { bytesType, type PingyiMigration } from './kit';

/**
 * Rectification (整改, PROTOCOL.md "Rectification"): the items the office opens for a unit
 * (`rect_items`), the unit's answers (`rect_answers`) and the files it gives as evidence
 * (`rect_evidence`). Each row is written in the transaction of the office action that records it
 * (rectification-created, -changed, -closed, -answered), so the log replays to these rows.
 * Follow-ups (回头看) are records of type `followup` and stay in `records`.
 * `people.unit_id`: the unit a console account of role `unit` is bound to (null for the office's).
 */
export const rectification: PingyiMigration = {
  async up(db: Kysely<any>, dialect) {
    const s = db.schema;
    await s
      .createTable('rect_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('problem', 'text', (c) => c.notNull())
      // JSON array of record hashes the problem comes from.
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('measures', 'text')
      .addColumn('responsible', 'text')
      // YYYY-MM-DD (Asia/Shanghai day).
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('close_reason', 'text')
      .execute();
    // The office's and a unit account's listing: a campaign's items, or one unit's.
    await s.createIndex('rect_items_unit').on('rect_items').columns(['campaign_id', 'unit_id']).execute();

    await s
      .createTable('rect_answers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      // JSON array of { sha256, bytes, mime, name? }.
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('by_day', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    // An item's answers, listed with the items of a campaign.
    await s.createIndex('rect_answers_campaign').on('rect_answers').columns(['campaign_id', 'item_id']).execute();

    await s
      .createTable('rect_evidence')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('data', bytesType(dialect), (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .execute();

    await s.alterTable('people').addColumn('unit_id', 'text').execute();
  },
};
