import type { Campaign } from '../../domain/campaign';
import { withoutVersion, type CampaignChange } from '../../domain/campaign-diff';
import { canonString } from '../../protocol/canon';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import { sha256HexSync } from '../hashing';
import { campaignFromRow } from './rows';
import type { OfficeTx } from './office-tx';
import type { DbOrTx } from './schema';

/** The version in force of a campaign, as stored. */
export interface CurrentVersion {
  campaign: Campaign;
  version: number;
}

/** The campaign in force and its version number (1 for a campaign stored before versions), or undefined. */
export async function currentCampaignVersion(db: DbOrTx, campaignId: string): Promise<CurrentVersion | undefined> {
  const row = await db.selectFrom('campaigns').select('definition').where('id', '=', campaignId).executeTakeFirst();
  if (!row) return undefined;
  const campaign = campaignFromRow(row.definition);
  return { campaign, version: campaign.version ?? 1 };
}

/** What a new version looks like on disk: the definition with its version, its text and H(). */
export function versionedDefinition(campaign: Campaign, version: number): { definition: Campaign; text: string; hash: string } {
  const definition = { ...withoutVersion(campaign), version };
  return { definition, text: JSON.stringify(definition), hash: sha256HexSync(canonString(definition)) };
}

/**
 * Writes version `version` of a campaign (validated by the caller) inside the caller's transaction:
 * a new immutable row of campaign_versions, and the campaigns row in force. A concurrent writer of
 * the same number makes the insert fail on the primary key, so the caller's transaction is undone.
 */
export async function writeCampaignVersion(tx: DbOrTx, campaign: Campaign, version: number, actor: string, at: string): Promise<{ hash: string }> {
  const { text, hash } = versionedDefinition(campaign, version);
  await tx.insertInto('campaign_versions').values({ campaign_id: campaign.id, version, definition: text, hash, at, actor }).execute();
  if (version === 1) await tx.insertInto('campaigns').values({ id: campaign.id, definition: text, updated_at: at }).execute();
  else await tx.updateTable('campaigns').set({ definition: text, updated_at: at }).where('id', '=', campaign.id).execute();
  return { hash };
}

/**
 * The office action of a campaign version, appended in the transaction that wrote it (PROTOCOL.md
 * "Office actions"): the office's saves, `Store.putCampaign` and the demo campaign of a new store.
 */
export async function recordCampaignVersion(
  tx: OfficeTx,
  a: { campaignId: string; actor: string; at: string; version: number; hash: string; changes: CampaignChange[] },
): Promise<void> {
  await tx.appendAction({
    action: OFFICE_ACTIONS.campaignVersion,
    campaignId: a.campaignId,
    actor: a.actor,
    at: a.at,
    data: { version: a.version, hash: a.hash, changes: a.changes },
  });
}
