import type { Transaction } from 'kysely';
import { NO_MANUAL_SCORES, type ManualScores } from '../../domain/scoring';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import { againOnUniqueViolation, lockCampaign } from '../store/unique';
import type { Store } from '../store/types';
import type { CoreTables, Tx } from '../store/schema';
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

/** Where a manual figure came from when the office filled it from the 整改 completion rate (PROTOCOL.md). */
export interface FromRectification {
  /** The manual part filled. */
  part: string;
  /** Per unit: its items verified or closed, all its items, and the figure 100 × done / total (2 decimals). */
  units: Record<string, { done: number; total: number; value: number }>;
}

/** A new version of the manual scores: its figures (or how to make them in the transaction), and why. */
export interface ManualScoresChange {
  value: ManualScores | ((tx: Tx, current: ManualScores) => Promise<{ value: ManualScores; fromRectification: FromRectification }>);
  /** Why the office entered them (≤ 2,000 characters, checked by the caller); logged with them. */
  reason?: string;
}

/**
 * Stores a new version (validated by the caller) and logs it as the office action `manual-scores`
 * of `setBy` in the same transaction; concurrent writers of one campaign wait for each other, so a
 * figure made from the figures in force (a fill from the completion rate) never loses another's.
 */
export async function putManualScores(
  store: Store,
  campaignId: string,
  change: ManualScoresChange,
  setBy: string,
  setAt: string,
): Promise<{ version: number; value: ManualScores; fromRectification?: FromRectification }> {
  return againOnUniqueViolation(() =>
    store.officeTx(async (otx) => {
      const tx = otx.db.withTables<OfficeTables>();
      await lockCampaign(otx.db, store.dialect, campaignId);
      const made =
        typeof change.value === 'function'
          ? await change.value(otx.db, manualScoresOrNone(await currentManualScores(tx, campaignId)))
          : { value: change.value };
      const value = made.value;
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
      const data = {
        version,
        scores: value.scores,
        bonusRanking: value.bonusRanking,
        ...(change.reason !== undefined ? { reason: change.reason } : {}),
        ...('fromRectification' in made ? { fromRectification: made.fromRectification } : {}),
      };
      await otx.appendAction({ action: OFFICE_ACTIONS.manualScores, campaignId, actor: setBy, at: setAt, data });
      return { version, value, ...('fromRectification' in made ? { fromRectification: made.fromRectification } : {}) };
    }),
  );
}

/** The reason and the completion-rate fill logged with a version of the manual scores (from its office action). */
export async function manualScoresNote(db: OfficeDb, campaignId: string, version: number): Promise<{ reason?: string; fromRectification?: FromRectification }> {
  const rows = await db
    .selectFrom('office_actions')
    .select('canon')
    .where('campaign_id', '=', campaignId)
    .where('action', '=', OFFICE_ACTIONS.manualScores)
    .orderBy('log_idx', 'desc')
    .execute();
  for (const r of rows) {
    const data = (JSON.parse(r.canon) as { data: { version?: unknown; reason?: string; fromRectification?: FromRectification } }).data;
    if (data.version !== version) continue;
    return { ...(data.reason !== undefined ? { reason: data.reason } : {}), ...(data.fromRectification ? { fromRectification: data.fromRectification } : {}) };
  }
  return {};
}

export const manualScoresOrNone = (v: ManualScoresVersion | null): ManualScores => v?.value ?? NO_MANUAL_SCORES;
