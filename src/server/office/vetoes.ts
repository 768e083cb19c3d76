import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Campaign } from '../../domain/campaign';
import { againOnUniqueViolation } from '../store/unique';
import type { CoreTables } from '../store/schema';
import type { OfficeDb, OfficeTables } from './tables';

type Reader = OfficeDb | Transaction<CoreTables & OfficeTables>;
type Tx = Transaction<CoreTables & OfficeTables>;

/** The vetoes (一票否决) in force: unit id → the office's reason. */
export type Vetoes = Record<string, string>;

export interface VetoesVersion {
  version: number;
  vetoes: Vetoes;
  setAt: string;
  setBy: string;
}

/** The body of PUT …/vetoes for one campaign: known units only, each with a reason (≤ 2,000 characters). */
export function vetoesSchema(campaign: Campaign) {
  const units = new Set(campaign.units.map((u) => u.id));
  const reason = z.string().trim().min(1, 'a veto needs its reason').max(2000, 'a reason is at most 2,000 characters');
  return z.strictObject({
    vetoes: z.record(z.string(), reason).superRefine((v, ctx) => {
      for (const unitId of Object.keys(v)) if (!units.has(unitId)) ctx.addIssue({ code: 'custom', path: [unitId], message: `unknown unit "${unitId}"` });
    }),
  });
}

/** The vetoes in force for a campaign (the highest version), or none. */
export async function currentVetoes(db: Reader, campaignId: string): Promise<VetoesVersion | null> {
  const row = await db.selectFrom('campaign_vetoes').selectAll().where('campaign_id', '=', campaignId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? { version: row.version, vetoes: JSON.parse(row.vetoes) as Vetoes, setAt: row.set_at, setBy: row.set_by } : null;
}

/**
 * Stores the vetoes as a new version (the whole map: a unit left out has its veto lifted). `onSaved`
 * runs in the same transaction with what was imposed and lifted (the office action).
 */
export async function putVetoes(
  db: OfficeDb,
  campaignId: string,
  vetoes: Vetoes,
  o: { setBy: string; setAt: string; onSaved?: (tx: Tx, v: { version: number; imposed: Vetoes; lifted: string[] }) => Promise<void> },
): Promise<number> {
  return againOnUniqueViolation(() =>
    db.transaction().execute(async (tx) => {
      const before = await currentVetoes(tx, campaignId);
      const version = (before?.version ?? 0) + 1;
      await tx
        .insertInto('campaign_vetoes')
        .values({ campaign_id: campaignId, version, vetoes: JSON.stringify(vetoes), set_at: o.setAt, set_by: o.setBy })
        .execute();
      const old = before?.vetoes ?? {};
      const imposed = Object.fromEntries(Object.entries(vetoes).filter(([u, r]) => old[u] !== r));
      const lifted = Object.keys(old).filter((u) => !Object.hasOwn(vetoes, u));
      await o.onSaved?.(tx, { version, imposed, lifted });
      return version;
    }),
  );
}
