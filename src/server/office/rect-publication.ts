import type { Campaign } from '../../domain/campaign';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import type { DbOrTx } from '../store/schema';
import type { Store } from '../store/types';

/**
 * A closed rectification item as the public page (公示) shows it: the unit, the problem, the
 * measures, when and why it was closed. Never its source records, answers or follow-ups: nothing
 * says who complained, who collected or who answered.
 */
export interface PublishedRectItem {
  id: string;
  unitId: string;
  unitName: string;
  problem: string;
  measures?: string;
  closedAt: string;
  closeReason: string;
}

/** The latest 公示 of closed items: the action's time, its leaf in the audit log and hash, the items. */
export interface RectPublication {
  publishedAt: string;
  logIndex: number;
  hash: string;
  items: PublishedRectItem[];
}

/**
 * Publishes every closed item of the campaign as it stands (an office action
 * `rectifications-published` carrying the items, so the export holds exactly what was made public
 * and `npm run verify` checks it against the items rebuilt from the log).
 */
export async function publishClosedItems(store: Store, campaign: Campaign, who: { actor: string; at: string }): Promise<RectPublication> {
  const names = new Map(campaign.units.map((u) => [u.id, u.name]));
  return store.officeTx(async (tx) => {
    const rows = await tx.db
      .selectFrom('rect_items')
      .select(['id', 'unit_id', 'problem', 'measures', 'closed_at', 'close_reason'])
      .where('campaign_id', '=', campaign.id)
      .where('closed_at', 'is not', null)
      .orderBy('closed_at')
      .orderBy('id')
      .execute();
    const items: PublishedRectItem[] = rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: names.get(r.unit_id) ?? r.unit_id,
      problem: r.problem,
      ...(r.measures !== null ? { measures: r.measures } : {}),
      closedAt: r.closed_at!,
      closeReason: r.close_reason!,
    }));
    const logged = await tx.appendAction({
      action: OFFICE_ACTIONS.rectificationsPublished,
      campaignId: campaign.id,
      actor: who.actor,
      at: who.at,
      data: { items },
    });
    return { publishedAt: who.at, logIndex: logged.logIndex, hash: logged.hash, items };
  });
}

/** The campaign's latest 公示 of closed items, read back from its office action; null before the first. */
export async function latestRectPublication(db: DbOrTx, campaignId: string): Promise<RectPublication | null> {
  const row = await db
    .selectFrom('office_actions')
    .select(['log_idx', 'hash', 'at', 'canon'])
    .where('campaign_id', '=', campaignId)
    .where('action', '=', OFFICE_ACTIONS.rectificationsPublished)
    .orderBy('log_idx', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const { items } = (JSON.parse(row.canon) as { data: { items: PublishedRectItem[] } }).data;
  return { publishedAt: row.at, logIndex: row.log_idx, hash: row.hash, items };
}
