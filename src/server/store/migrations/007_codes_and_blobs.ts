import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PingyiMigration } from './kit';

/** SHA-256 (hex) of a normalised enrollment code: what enrollment_codes.code holds from 007 on. */
export const enrollmentCodeHash = (normalised: string) => createHash('sha256').update(normalised, 'utf8').digest('hex');

/**
 * - `enrollment_codes.code` holds the SHA-256 of the code instead of the code: a copy of the
 *   database no longer hands out unused codes. Existing rows are converted.
 * - `blobs.named_at`: when a stored record first named the blob (null while none has). Unnamed
 *   blobs count against their device's quota and are removed 7 days after upload (blob-sweep.ts).
 *   Blobs held before this migration are taken as named: none of them is ever removed by it.
 */
export const codesAndBlobs: PingyiMigration = {
  async up(db: Kysely<any>) {
    const codes = await db.selectFrom('enrollment_codes').select('code').execute();
    for (const { code } of codes as { code: string }[]) {
      if (/^[0-9a-f]{64}$/.test(code)) continue; // a code is 12 Crockford characters: never this
      await db
        .updateTable('enrollment_codes')
        .set({ code: enrollmentCodeHash(code) })
        .where('code', '=', code)
        .execute();
    }
    await db.schema.alterTable('blobs').addColumn('named_at', 'text').execute();
    await db
      .updateTable('blobs')
      .set((eb) => ({ named_at: eb.ref('received_at') }))
      .execute();
    await db.schema.createIndex('blobs_unnamed').on('blobs').columns(['named_at', 'device_id', 'received_at']).execute();
  },
};
