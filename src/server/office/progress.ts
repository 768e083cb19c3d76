import { sql } from 'kysely';
import { z } from 'zod';
import { IdSchema, type Campaign } from '../../domain/campaign';
import { shanghaiDay } from '../../domain/review';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import type { ProgressAnswer, Quotas } from '../../protocol/representatives-api';
import { ApiError } from '../http/errors';
import type { StoreDialect } from '../store/migrations/kit';
import type { OfficeTx } from '../store/office-tx';
import { lockCampaign, type RepresentativeDb, type RepresentativeTables } from './roster';

const Count = z.number().int().min(0).max(1_000_000);
export const QuotasBodySchema = z.strictObject({
  quotas: z
    .record(IdSchema, z.record(IdSchema, z.strictObject({ quota: Count, issued: Count.optional() })))
    .refine((q) => Object.keys(q).length <= 2000, 'at most 2000 units'),
});

/** `PUT …/quotas`: checks every unit and group against the campaign, stores the map and logs `quotas`. */
export async function putQuotas(
  tx: OfficeTx,
  campaign: Pick<Campaign, 'id' | 'units' | 'raterGroups'>,
  quotas: Quotas,
  actor: string,
  at: string,
  dialect: StoreDialect,
): Promise<boolean> {
  const units = new Set(campaign.units.map((u) => u.id));
  const groups = new Set(campaign.raterGroups.map((g) => g.id));
  for (const [unit, byGroup] of Object.entries(quotas)) {
    if (!units.has(unit)) throw new ApiError('invalid-quotas', `"${unit}" is not a unit of the campaign.`, { path: `/quotas/${unit}` });
    for (const group of Object.keys(byGroup))
      if (!groups.has(group)) throw new ApiError('invalid-quotas', `"${group}" is not a rater group of the campaign.`, { path: `/quotas/${unit}/${group}` });
  }
  const db = tx.db.withTables<RepresentativeTables>();
  await lockCampaign(db, campaign.id, dialect);
  const text = JSON.stringify(quotas);
  const current = await db.selectFrom('campaign_quotas').select('quotas').where('campaign_id', '=', campaign.id).executeTakeFirst();
  if (current?.quotas === text) return false;
  const row = { campaign_id: campaign.id, quotas: text, set_at: at, set_by: actor };
  if (current) await db.updateTable('campaign_quotas').set(row).where('campaign_id', '=', campaign.id).execute();
  else await db.insertInto('campaign_quotas').values(row).execute();
  await tx.appendAction({ action: OFFICE_ACTIONS.quotas, campaignId: campaign.id, actor, at, data: { quotas } });
  return true;
}

export async function readQuotas(db: RepresentativeDb, campaignId: string): Promise<Quotas> {
  const row = await db.selectFrom('campaign_quotas').select('quotas').where('campaign_id', '=', campaignId).executeTakeFirst();
  return row ? (JSON.parse(row.quotas) as Quotas) : {};
}

/**
 * `GET …/progress` (PROTOCOL.md "Representatives"): per unit and rater group the quota, the issued
 * count and the questionnaires returned (counted: in force, not held, not excluded); per collector
 * the questionnaires in force and not excluded by Asia/Shanghai day of sealedAt, and their tablets'
 * last sync. Read with grouped queries: rows per unit × group and per collector × hour, never per record.
 */
export async function progressOf(db: RepresentativeDb, campaign: Pick<Campaign, 'id' | 'units' | 'raterGroups'>): Promise<ProgressAnswer> {
  const quotas = await readQuotas(db, campaign.id);
  const returnedRows = await db
    .selectFrom('f2f_effective')
    .select(['unit_id', 'rater_group', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaign.id)
    .where('state', 'in', ['counted', 'accepted'])
    .groupBy(['unit_id', 'rater_group'])
    .execute();
  const returned = new Map(returnedRows.map((r) => [`${r.unit_id}\u0000${r.rater_group}`, Number(r.n)]));
  const units: ProgressAnswer['units'] = campaign.units
    .filter((u) => !u.retired || quotas[u.id] !== undefined)
    .map((u) => ({
      unitId: u.id,
      byGroup: Object.fromEntries(
        campaign.raterGroups.map((g) => {
          const q = quotas[u.id]?.[g.id];
          return [g.id, { quota: q?.quota ?? null, issued: q?.issued ?? null, returned: returned.get(`${u.id}\u0000${g.id}`) ?? 0 }];
        }),
      ),
    }));

  // sealed_at is RFC 3339 UTC: its first 13 characters are the UTC hour, which falls in one Shanghai day.
  const hours = await db
    .selectFrom('f2f_effective')
    .select(['collector', sql<string>`substr(sealed_at, 1, 13)`.as('hour'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaign.id)
    .where('state', '!=', 'excluded')
    .groupBy(['collector', sql`substr(sealed_at, 1, 13)`])
    .execute();
  const syncs = await db
    .selectFrom('devices')
    .select(['collector', (eb) => eb.fn.max('last_batch_at').as('last')])
    .where('campaign_id', '=', campaign.id)
    .groupBy('collector')
    .execute();
  const names = new Map(
    (await db.selectFrom('roster_people').select(['person_id', 'name']).where('campaign_id', '=', campaign.id).execute()).map((r) => [r.person_id, r.name]),
  );
  const byCollector = new Map<string, ProgressAnswer['collectors'][number]>();
  const entry = (collector: string) => {
    let e = byCollector.get(collector);
    if (!e) {
      const name = names.get(collector);
      e = { collector, ...(name !== undefined ? { name } : {}), byDay: {}, lastSyncAt: null };
      byCollector.set(collector, e);
    }
    return e;
  };
  for (const s of syncs) entry(s.collector).lastSyncAt = (s.last as string | null) ?? null;
  for (const h of hours) {
    const day = shanghaiDay(Date.parse(`${h.hour}:00:00.000Z`));
    const e = entry(h.collector);
    e.byDay[day] = (e.byDay[day] ?? 0) + Number(h.n);
  }
  const collectors = [...byCollector.values()].sort((a, b) => (a.collector < b.collector ? -1 : a.collector > b.collector ? 1 : 0));
  for (const c of collectors) c.byDay = Object.fromEntries(Object.entries(c.byDay).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { units, collectors };
}
