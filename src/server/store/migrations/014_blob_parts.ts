import type { Kysely } from 'kysely';
import { bytesType, type PingyiMigration, type StoreDialect } from './kit';

/**
 * Resumable photo uploads (PROTOCOL.md "Attachments", optional extension): the parts of a blob a
 * device has sent so far with `Content-Range`, one row per part, until the last part completes the
 * blob (then they are joined, checked against the sha256 and removed). An upload no part has
 * reached for a day is swept (src/server/blob-uploads.ts).
 */
export const blobParts: PingyiMigration = {
  async up(db: Kysely<any>, dialect: StoreDialect) {
    await db.schema
      .createTable('blob_parts')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('start', 'integer', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      // The whole blob's length, as the first part declared it.
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('data', bytesType(dialect), (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_parts_pk', ['device_id', 'sha256', 'start'])
      .execute();
    await db.schema.createIndex('blob_parts_received').on('blob_parts').columns(['received_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('blob_parts').execute();
  },
};
