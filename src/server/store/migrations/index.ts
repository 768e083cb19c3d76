import type { Migration, MigrationProvider } from 'kysely';
import { core } from './001_core';
import { office } from './002_office';
import { leanAppends } from './003_lean_appends';
import { logSubtrees } from './004_log_subtrees';
import { officeActions } from './005_office_actions';
import { review } from './006_review';
import { codesAndBlobs } from './007_codes_and_blobs';
import { campaignVersions } from './008_campaign_versions';
import { sealTimes } from './009_seal_times';
import { publications } from './010_publications';
import { opinionTags } from './011_opinion_tags';
import { representatives } from './013_representatives';
import { blobParts } from './014_blob_parts';
import { rectification } from './012_rectification';
import { hashEpochs } from './015_hash_epochs';
import type { PingyiMigration, StoreDialect } from './kit';

export { bytesType, type PingyiMigration, type StoreDialect } from './kit';

/**
 * Every migration, by name; Kysely runs them in name order. To add one, write `NNN_name.ts` beside
 * this file and add it here (names are never renamed once released: the database remembers them).
 */
export const MIGRATIONS: Record<string, PingyiMigration> = {
  '001_core': core,
  '002_office': office,
  '003_lean_appends': leanAppends,
  '004_log_subtrees': logSubtrees,
  '005_office_actions': officeActions,
  '006_review': review,
  '007_codes_and_blobs': codesAndBlobs,
  '008_campaign_versions': campaignVersions,
  '009_seal_times': sealTimes,
  '010_publications': publications,
  '011_opinion_tags': opinionTags,
  '013_representatives': representatives,
  '014_blob_parts': blobParts,
  '012_rectification': rectification,
  '015_hash_epochs': hashEpochs,
};

/** Binds the migrations to a dialect for Kysely's Migrator. */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (db) => m.up(db, dialect), down: m.down ? (db) => m.down!(db, dialect) : undefined };
      }
      return out;
    },
  };
}
