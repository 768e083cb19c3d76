import type { Transaction } from 'kysely';
import type { Campaign } from '../../domain/campaign';
import { campaignChanges, isRescore, sameDefinition, type CampaignChange } from '../../domain/campaign-diff';
import { ApiError } from '../http/errors';
import { currentCampaignVersion, writeCampaignVersion } from '../store/campaign-versions';
import { againOnUniqueViolation } from '../store/unique';
import type { CoreTables, DbOrTx } from '../store/schema';
import type { OfficeDb, OfficeTables } from './tables';

type Tx = Transaction<CoreTables & OfficeTables>;

export interface VersionSummary {
  version: number;
  at: string;
  actor: string;
  hash: string;
}

export type SaveOutcome = { kind: 'created' | 'changed' | 'unchanged'; version: number; changes: CampaignChange[] };

/** The units among `unitIds` that records of the campaign name (any type, corrections included). */
async function unitsWithRecords(tx: Tx, campaignId: string, unitIds: string[]): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('record_units as ru')
    .innerJoin('records as r', 'r.log_idx', 'ru.log_idx')
    .select('ru.unit_id')
    .distinct()
    .where('r.campaign_id', '=', campaignId)
    .where('ru.unit_id', 'in', unitIds)
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}

async function hasRecords(tx: Tx, campaignId: string): Promise<boolean> {
  return (await tx.selectFrom('records').select('log_idx').where('campaign_id', '=', campaignId).limit(1).executeTakeFirst()) !== undefined;
}

/** A change that would re-score units, in one plain phrase (the console says it in Chinese). */
function phrase(c: CampaignChange): string {
  switch (c.kind) {
    case 'scale-score':
      return `scale level "${c.label}" ${c.from ?? 'not counted'} → ${c.to === undefined ? 'removed' : (c.to ?? 'not counted')}`;
    case 'weight':
      return `weight of rater group "${c.label}" ${c.from ?? 'none'} → ${c.to ?? 'removed'}`;
    case 'components':
      return 'the score components';
    default:
      return 'the limits on questionnaires per device';
  }
}

/**
 * The guards of PROTOCOL.md "Campaign versions", once the campaign has records: a unit with
 * records may not be removed (retire it), and a change that re-scores units needs `confirm`.
 */
async function guard(tx: Tx, before: Campaign, changes: CampaignChange[], confirm: boolean): Promise<void> {
  if (!(await hasRecords(tx, before.id))) return;
  const removed = changes.flatMap((c) => (c.kind === 'unit-removed' ? [c.id] : []));
  const inUse = [...(await unitsWithRecords(tx, before.id, removed))];
  if (inUse.length > 0) {
    throw new ApiError('unit-in-use', `Unit ${inUse.map((u) => `"${u}"`).join(', ')} has records and cannot be removed; mark it "retired": true instead.`, {
      units: inUse,
    });
  }
  const rescore = changes.filter(isRescore);
  if (rescore.length > 0 && !confirm) {
    throw new ApiError(
      'rescore-needs-confirm',
      `Questionnaires have arrived and this change re-scores every unit (${rescore.map(phrase).join('; ')}); send it again with ?confirm=rescore.`,
      { changes: rescore },
    );
  }
}

/**
 * Saves a definition (validated, id checked, version field ignored) as the campaign's next version
 * in one transaction, or nothing when it equals the version in force. `onVersion` runs in the same
 * transaction (the office action of the version).
 */
export async function saveCampaignVersion(
  db: OfficeDb,
  campaign: Campaign,
  o: { actor: string; at: string; confirm: boolean; onVersion?: (tx: Tx, v: { version: number; hash: string; changes: CampaignChange[] }) => Promise<void> },
): Promise<SaveOutcome> {
  return againOnUniqueViolation(() =>
    db.transaction().execute(async (tx): Promise<SaveOutcome> => {
      const core = tx as unknown as DbOrTx; // the core tables of the same transaction
      const current = await currentCampaignVersion(core, campaign.id);
      if (current && sameDefinition(current.campaign, campaign)) return { kind: 'unchanged', version: current.version, changes: [] };
      const changes = current ? campaignChanges(current.campaign, campaign) : [];
      if (current) await guard(tx, current.campaign, changes, o.confirm);
      const version = (current?.version ?? 0) + 1;
      const { hash } = await writeCampaignVersion(core, campaign, version, o.actor, o.at);
      await o.onVersion?.(tx, { version, hash, changes });
      return { kind: current ? 'changed' : 'created', version, changes };
    }),
  );
}

/** Every version of a campaign, oldest first (empty for an unknown campaign). */
export async function listCampaignVersions(db: OfficeDb, campaignId: string): Promise<VersionSummary[]> {
  return db.selectFrom('campaign_versions').select(['version', 'at', 'actor', 'hash']).where('campaign_id', '=', campaignId).orderBy('version').execute();
}

/** One version's definition exactly as stored (the text its hash is of), or undefined. */
export async function campaignVersion(
  db: OfficeDb | Tx,
  campaignId: string,
  version: number,
): Promise<{ definition: Record<string, unknown>; hash: string } | undefined> {
  const row = await db
    .selectFrom('campaign_versions')
    .select(['definition', 'hash'])
    .where('campaign_id', '=', campaignId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && { definition: JSON.parse(row.definition) as Record<string, unknown>, hash: row.hash };
}
