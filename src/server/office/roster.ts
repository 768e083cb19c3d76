import type { Kysely } from 'kysely';
import type { Campaign } from '../../domain/campaign';
import { rosterChange, type RosterPerson } from '../../domain/roster';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import type { OfficeTx } from '../store/office-tx';
import type { StoreDialect } from '../store/migrations/kit';
import type { CoreTables } from '../store/schema';

/** The representatives' tables (migration 013), as Kysely sees them. */
export type RepresentativeTables = {
  roster_people: {
    campaign_id: string;
    person_id: string;
    position: number;
    name: string;
    group_id: string;
    source: string;
    recommended_by: string | null;
    status: string;
    reason: string | null;
    contact: string | null;
    units: string;
    updated_at: string;
    updated_by: string;
  };
  draws: {
    draw_id: string;
    campaign_id: string;
    seed: string;
    strata: string;
    picked: string;
    roster_hash: string;
    at: string;
    actor: string;
    log_idx: number;
  };
  campaign_quotas: { campaign_id: string; quotas: string; set_at: string; set_by: string };
};
export type RepresentativeDb = Kysely<CoreTables & RepresentativeTables>;

type PersonRow = RepresentativeTables['roster_people'];

function personFromRow(r: PersonRow): RosterPerson {
  const units = JSON.parse(r.units) as string[];
  return {
    id: r.person_id,
    name: r.name,
    group: r.group_id,
    source: r.source,
    ...(r.recommended_by !== null ? { recommendedBy: r.recommended_by } : {}),
    status: r.status as RosterPerson['status'],
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.contact !== null ? { contact: JSON.parse(r.contact) as RosterPerson['contact'] } : {}),
    ...(units.length > 0 ? { units } : {}),
  };
}

/** The campaign's roster in the office's order. */
export async function readRoster(db: RepresentativeDb, campaignId: string): Promise<RosterPerson[]> {
  const rows = await db.selectFrom('roster_people').selectAll().where('campaign_id', '=', campaignId).orderBy('position').execute();
  return rows.map(personFromRow);
}

export interface RosterSaved {
  size: number;
  changed: number;
  removed: number;
  /** Devices revoked because their person was disqualified by this change. */
  revokedDevices: string[];
}

/**
 * Replaces the campaign's roster and logs the change as the office action `roster` (people added
 * or changed, without their contact; ids removed). A person newly `disqualified` loses their
 * tablets at once: every device enrolled with a code naming them is revoked (an action
 * `revoke-device` each) and their unused codes expire. Nothing changed: nothing logged.
 */
export async function putRoster(
  tx: OfficeTx,
  campaign: Pick<Campaign, 'id'>,
  people: RosterPerson[],
  actor: string,
  at: string,
  dialect: StoreDialect,
): Promise<RosterSaved> {
  const db = tx.db.withTables<RepresentativeTables>();
  await lockCampaign(db, campaign.id, dialect);
  const before = await readRoster(db, campaign.id);
  const change = rosterChange(before, people);
  const positionsMoved = before.length === people.length && before.some((p, i) => p.id !== people[i]!.id);
  if (change.changed.length === 0 && change.removed.length === 0 && !positionsMoved) return { size: people.length, changed: 0, removed: 0, revokedDevices: [] };

  await db.deleteFrom('roster_people').where('campaign_id', '=', campaign.id).execute();
  // Chunks keep each statement under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < people.length; i += 500) {
    const rows = people.slice(i, i + 500).map((p, j): PersonRow => ({
      campaign_id: campaign.id,
      person_id: p.id,
      position: i + j,
      name: p.name,
      group_id: p.group,
      source: p.source,
      recommended_by: p.recommendedBy ?? null,
      status: p.status,
      reason: p.reason ?? null,
      contact: p.contact ? JSON.stringify(p.contact) : null,
      units: JSON.stringify(p.units ?? []),
      updated_at: at,
      updated_by: actor,
    }));
    await db.insertInto('roster_people').values(rows).execute();
  }
  // Rows first, then the log (the lock order of PROTOCOL's writers: rows → log, as ingest does).
  const wasDisqualified = new Set(before.filter((p) => p.status === 'disqualified').map((p) => p.id));
  const revoked: RevokedDevice[] = [];
  for (const p of people) if (p.status === 'disqualified' && !wasDisqualified.has(p.id)) revoked.push(...(await disqualify(db, campaign.id, p, at)));
  await tx.appendAction({ action: OFFICE_ACTIONS.roster, campaignId: campaign.id, actor, at, data: { ...change, size: people.length } });
  for (const d of revoked) {
    await tx.appendAction({
      action: OFFICE_ACTIONS.revokeDevice,
      campaignId: campaign.id,
      actor,
      at,
      data: { deviceId: d.device_id, collector: d.collector, label: d.label, personId: d.person.id, reason: d.person.reason ?? '' },
    });
  }
  return { size: people.length, changed: change.changed.length, removed: change.removed.length, revokedDevices: revoked.map((d) => d.device_id) };
}

interface RevokedDevice {
  device_id: string;
  collector: string;
  label: string;
  person: RosterPerson;
}

/** Revokes the person's devices (locking their rows) and expires their unused codes. */
async function disqualify(db: RepresentativeDb, campaignId: string, person: RosterPerson, at: string): Promise<RevokedDevice[]> {
  await db
    .updateTable('enrollment_codes')
    .set({ expires_at: at })
    .where('campaign_id', '=', campaignId)
    .where('person_id', '=', person.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .execute();
  const devices = await db
    .selectFrom('enrollment_codes')
    .innerJoin('devices', 'devices.device_id', 'enrollment_codes.device_id')
    .select(['devices.device_id', 'devices.collector', 'devices.label'])
    .where('enrollment_codes.campaign_id', '=', campaignId)
    .where('enrollment_codes.person_id', '=', person.id)
    .where('devices.revoked_at', 'is', null)
    .orderBy('devices.device_id')
    .execute();
  for (const d of devices)
    await db.updateTable('devices').set({ revoked_at: at }).where('device_id', '=', d.device_id).where('revoked_at', 'is', null).execute();
  return devices.map((d) => ({ ...d, person }));
}

/** One roster person of a campaign, or undefined. */
export async function rosterPerson(db: RepresentativeDb, campaignId: string, personId: string): Promise<RosterPerson | undefined> {
  const row = await db.selectFrom('roster_people').selectAll().where('campaign_id', '=', campaignId).where('person_id', '=', personId).executeTakeFirst();
  return row && personFromRow(row);
}

/**
 * Serialises the office's changes to one campaign's representatives on PostgreSQL (the campaign
 * row, locked before anything else); SQLite's write transactions are serial already.
 */
export async function lockCampaign(db: RepresentativeDb, campaignId: string, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('campaigns').select('id').where('id', '=', campaignId).forUpdate().execute();
}
