import type { Kysely } from 'kysely';
import { canonString } from '../../../protocol/canon';
import { sha256HexSync } from '../../hashing';
import type { PingyiMigration } from './kit';

/**
 * Campaign versions: every definition the office ever saved, immutable, with who and when
 * (`campaign_versions`), and the office's vetoes (一票否决) with their history (`campaign_vetoes`).
 * `campaigns.definition` stays the version in force, now carrying its `version`. Campaigns stored
 * before become version 1 of themselves.
 */
export const campaignVersions: PingyiMigration = {
  async up(db: Kysely<any>) {
    const s = db.schema;
    await s
      .createTable('campaign_versions')
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      // 1, 2, 3 … per campaign; rows are never updated or deleted.
      .addColumn('version', 'integer', (c) => c.notNull())
      // The definition as served (with its "version"), exactly the text `hash` is H() of.
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('campaign_versions_pk', ['campaign_id', 'version'])
      .execute();

    await s
      .createTable('campaign_vetoes')
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      // 1, 2, 3 … per campaign; the highest is in force (an empty map lifts every veto).
      .addColumn('version', 'integer', (c) => c.notNull())
      // JSON object unit id → reason.
      .addColumn('vetoes', 'text', (c) => c.notNull())
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('campaign_vetoes_pk', ['campaign_id', 'version'])
      .execute();

    const rows = (await db.selectFrom('campaigns').select(['id', 'definition', 'updated_at']).execute()) as {
      id: string;
      definition: string;
      updated_at: string;
    }[];
    for (const row of rows) {
      const definition = { ...(JSON.parse(row.definition) as Record<string, unknown>), version: 1 };
      const text = JSON.stringify(definition);
      await db
        .insertInto('campaign_versions')
        .values({
          campaign_id: row.id,
          version: 1,
          definition: text,
          hash: sha256HexSync(canonString(definition)),
          at: row.updated_at,
          actor: 'before-versions',
        })
        .execute();
      await db.updateTable('campaigns').set({ definition: text }).where('id', '=', row.id).execute();
    }
  },
};
