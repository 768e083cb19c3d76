import type { Transaction } from 'kysely';
import { NO_MANUAL_SCORES, type ManualScores } from '../../domain/scoring';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import { isUniqueViolation } from '../store/ingest-tx';
import type { Store } from '../store/types';
import type { CoreTables } from '../store/schema';
import type { OfficeDb, OfficeTables } from './tables';

export interface ManualScoresVersion {
  version: number;
  value: ManualScores;
  setAt: string;
  setBy: string;
}

type Reader = OfficeDb | Transaction<CoreTables & OfficeTables>;

/** The manual scores in force for a campaign (the highest version), or none entered yet. */
export async function currentManualScores(db: Reader, campaignId: string): Promise<ManualScoresVersion | null> {
  const row = await db.selectFrom('manual_scores').selectAll().where('campaign_id', '=', campaignId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? fromRow(row) : null;
}

function fromRow(row: OfficeTables['manual_scores']): ManualScoresVersion {
  return {
    version: row.version,
    value: { scores: JSON.parse(row.scores), bonusRanking: JSON.parse(row.bonus_ranking) },
    setAt: row.set_at,
    setBy: row.set_by,
  };
}

/** Every version ever entered, newest first: figures are replaced, never erased. */
export async function manualScoresHistory(db: OfficeDb, campaignId: string): Promise<ManualScoresVersion[]> {
  const rows = await db.selectFrom('manual_scores').selectAll().where('campaign_id', '=', campaignId).orderBy('version', 'desc').execute();
  return rows.map(fromRow);
}

/**
 * Stores a new version (validated by the caller) and logs it as the office action `manual-scores`
 * of `setBy` in the same transaction; concurrent writers of one campaign wait for each other.
 */
export async function putManualScores(store: Store, campaignId: string, value: ManualScores, setBy: string, setAt: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.officeTx(async (otx) => {
        const tx = otx.db.withTables<OfficeTables>();
        // PostgreSQL: the campaign's row lock queues writers of one campaign's figures, so that
        // each takes the next version number (SQLite's write transaction already does).
        await tx
          .selectFrom('campaigns')
          .select('id')
          .where('id', '=', campaignId)
          .$if(store.dialect === 'postgres', (q) => q.forUpdate())
          .execute();
        const top = await tx
          .selectFrom('manual_scores')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('campaign_id', '=', campaignId)
          .executeTakeFirst();
        const version = Number(top?.v ?? 0) + 1;
        await tx
          .insertInto('manual_scores')
          .values({
            campaign_id: campaignId,
            version,
            scores: JSON.stringify(value.scores),
            bonus_ranking: JSON.stringify(value.bonusRanking),
            set_at: setAt,
            set_by: setBy,
          })
          .execute();
        const data = { version, scores: value.scores, bonusRanking: value.bonusRanking };
        await otx.appendAction({ action: OFFICE_ACTIONS.manualScores, campaignId, actor: setBy, at: setAt, data });
        return version;
      });
    } catch (e) {
      if (attempt < 3 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

export const manualScoresOrNone = (v: ManualScoresVersion | null): ManualScores => v?.value ?? NO_MANUAL_SCORES;
