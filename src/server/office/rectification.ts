import type { Campaign } from '../../domain/campaign';
import { uuidv7 } from '../../domain/ids';
import type { FollowupBody, PingyiRecord } from '../../domain/records';
import {
  byUrgency,
  daysOverdue,
  itemStatus,
  unitCounts,
  type FollowupRef,
  type ItemChange,
  type NewAnswer,
  type NewItem,
  type RectAnswer,
  type RectItem,
  type RectStatus,
} from '../../domain/rectification';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import type { RectItemView, RectList } from '../../protocol/office-api';
import { ApiError } from '../http/errors';
import { byHashes, chunks, hashEpochs } from '../store/rows';
import type { DbOrTx, RectAnswersTable, RectItemsTable } from '../store/schema';
import type { Store } from '../store/types';

/**
 * Rectification items (整改项) and the unit's answers: each change is written in the transaction of
 * the office action that records it (rectification-created, -changed, -closed, -answered), with
 * enough in `data` for `npm run verify` to rebuild every item from the log
 * (verify/rectification.ts). Follow-ups (回头看) are `followup` records, read from `records`.
 */

const invalid = (message: string, path?: string) => new ApiError('invalid-item', message, path ? { path } : {});

/** The item as its `rectification-created` action carries it. */
export type CreatedItem = Pick<RectItem, 'id' | 'unitId' | 'problem' | 'sources' | 'measures' | 'responsible' | 'deadline'>;

function itemFromRow(r: RectItemsTable): RectItem {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    unitId: r.unit_id,
    problem: r.problem,
    sources: JSON.parse(r.sources) as string[],
    ...(r.measures !== null ? { measures: r.measures } : {}),
    ...(r.responsible !== null ? { responsible: r.responsible } : {}),
    deadline: r.deadline,
    createdAt: r.created_at,
    createdBy: r.created_by,
    ...(r.closed_at !== null ? { closedAt: r.closed_at, closedBy: r.closed_by!, closeReason: r.close_reason! } : {}),
  };
}

function answerFromRow(r: RectAnswersTable): RectAnswer {
  return {
    id: r.id,
    itemId: r.item_id,
    kind: r.kind as RectAnswer['kind'],
    text: r.text,
    ...(JSON.parse(r.evidence).length > 0 ? { evidence: JSON.parse(r.evidence) as RectAnswer['evidence'] } : {}),
    ...(r.by_day !== null ? { by: r.by_day } : {}),
    actor: r.actor,
    at: r.at,
  };
}

/** Every source must be the hash of a record of the campaign; names the first that is not. */
async function checkSources(db: DbOrTx, campaignId: string, sources: string[]): Promise<void> {
  const wanted = [...new Set(sources)];
  const found = new Set<string>();
  const epochs = await hashEpochs(db);
  for (const part of chunks(wanted, 500)) {
    const rows = await db.selectFrom('records').select('hash').where(byHashes(part, epochs)).where('campaign_id', '=', campaignId).execute();
    for (const r of rows) found.add(r.hash);
  }
  const i = sources.findIndex((h) => !found.has(h));
  if (i >= 0) throw invalid(`Source ${sources[i]} is not the hash of a record of this campaign; nothing was saved.`, `/sources/${i}`);
}

function checkUnit(campaign: Campaign, unitId: string): void {
  if (!campaign.units.some((u) => u.id === unitId)) throw invalid(`Campaign "${campaign.id}" has no unit "${unitId}"; nothing was saved.`, '/unitId');
}

/** The item of the campaign, read inside the caller's transaction; not-found otherwise. */
async function itemOf(db: DbOrTx, campaignId: string, itemId: string): Promise<RectItemsTable> {
  const row = await db.selectFrom('rect_items').selectAll().where('id', '=', itemId).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!row) throw new ApiError('not-found', `Campaign "${campaignId}" has no rectification item "${itemId}".`);
  return row;
}

function openItem(row: RectItemsTable): RectItemsTable {
  if (row.closed_at !== null) throw new ApiError('item-closed', `Item ${row.id} was closed on ${row.closed_at}; it takes no more changes or answers.`);
  return row;
}

export interface ActorAt {
  actor: string;
  at: string;
  nowMs: number;
}

/** Creates an item and logs `rectification-created` (its whole content) in one transaction. */
export async function createItem(store: Store, campaign: Campaign, input: NewItem, who: ActorAt): Promise<string> {
  checkUnit(campaign, input.unitId);
  const id = uuidv7(who.nowMs);
  await store.officeTx(async (tx) => {
    await checkSources(tx.db, campaign.id, input.sources);
    await tx.db
      .insertInto('rect_items')
      .values({
        id,
        campaign_id: campaign.id,
        unit_id: input.unitId,
        problem: input.problem,
        sources: JSON.stringify(input.sources),
        measures: input.measures ?? null,
        responsible: input.responsible ?? null,
        deadline: input.deadline,
        created_at: who.at,
        created_by: who.actor,
        closed_at: null,
        closed_by: null,
        close_reason: null,
      })
      .execute();
    const item: CreatedItem = { id, ...input };
    await tx.appendAction({ action: OFFICE_ACTIONS.rectificationCreated, campaignId: campaign.id, actor: who.actor, at: who.at, data: { item } });
  });
  return id;
}

/** Changes an open item's fields (never its unit) and logs `rectification-changed` with the change. */
export async function changeItem(store: Store, campaignId: string, itemId: string, change: ItemChange, who: ActorAt): Promise<void> {
  await store.officeTx(async (tx) => {
    openItem(await itemOf(tx.db, campaignId, itemId));
    if (change.sources) await checkSources(tx.db, campaignId, change.sources);
    await tx.db
      .updateTable('rect_items')
      .set({
        ...(change.problem !== undefined ? { problem: change.problem } : {}),
        ...(change.sources !== undefined ? { sources: JSON.stringify(change.sources) } : {}),
        ...(change.measures !== undefined ? { measures: change.measures } : {}),
        ...(change.responsible !== undefined ? { responsible: change.responsible } : {}),
        ...(change.deadline !== undefined ? { deadline: change.deadline } : {}),
      })
      .where('id', '=', itemId)
      .execute();
    await tx.appendAction({ action: OFFICE_ACTIONS.rectificationChanged, campaignId, actor: who.actor, at: who.at, data: { id: itemId, change } });
  });
}

/** Closes an open item with a reason and logs `rectification-closed`; item-closed when it already is. */
export async function closeItem(store: Store, campaignId: string, itemId: string, reason: string, who: ActorAt): Promise<void> {
  await store.officeTx(async (tx) => {
    openItem(await itemOf(tx.db, campaignId, itemId));
    await tx.db.updateTable('rect_items').set({ closed_at: who.at, closed_by: who.actor, close_reason: reason }).where('id', '=', itemId).execute();
    await tx.appendAction({ action: OFFICE_ACTIONS.rectificationClosed, campaignId, actor: who.actor, at: who.at, data: { id: itemId, reason } });
  });
}

/**
 * Stores a unit's answer to an open item of `unitId` (a unit account answers only its own unit's
 * items) and logs `rectification-answered` with the whole answer; every evidence file must have
 * been uploaded for this campaign and unit.
 */
export async function answerItem(store: Store, campaignId: string, itemId: string, input: NewAnswer, who: ActorAt, unitId?: string): Promise<RectAnswer> {
  return store.officeTx(async (tx) => {
    const row = openItem(await itemOf(tx.db, campaignId, itemId));
    if (unitId !== undefined && row.unit_id !== unitId) throw new ApiError('not-found', `Campaign "${campaignId}" has no rectification item "${itemId}".`);
    const evidence = input.evidence ?? [];
    if (evidence.length > 0) {
      const held = await tx.db
        .selectFrom('rect_evidence')
        .select('sha256')
        .where(
          'sha256',
          'in',
          evidence.map((e) => e.sha256),
        )
        .where('campaign_id', '=', campaignId)
        .where('unit_id', '=', row.unit_id)
        .execute();
      const have = new Set(held.map((h) => h.sha256));
      const i = evidence.findIndex((e) => !have.has(e.sha256));
      if (i >= 0) throw invalid(`Evidence file ${evidence[i]!.sha256} is not uploaded for this unit; upload it first.`, `/evidence/${i}/sha256`);
    }
    const answer: RectAnswer = { id: uuidv7(who.nowMs), itemId, ...input, actor: who.actor, at: who.at };
    await tx.db
      .insertInto('rect_answers')
      .values({
        id: answer.id,
        item_id: itemId,
        campaign_id: campaignId,
        kind: input.kind,
        text: input.text,
        evidence: JSON.stringify(evidence),
        by_day: input.by ?? null,
        actor: who.actor,
        at: who.at,
      })
      .execute();
    const { actor: _a, at: _t, ...data } = answer;
    await tx.appendAction({ action: OFFICE_ACTIONS.rectificationAnswered, campaignId, actor: who.actor, at: who.at, data: { answer: data } });
    return answer;
  });
}

/**
 * The follow-ups in force of a campaign by item id: `followup` records with their latest amend
 * applied (amends of one target supersede each other in seq order) and voided ones left out.
 */
export async function campaignFollowups(db: DbOrTx, campaignId: string): Promise<Map<string, FollowupRef[]>> {
  const originals = await db
    .selectFrom('records')
    .select(['id', 'hash', 'canon'])
    .where('campaign_id', '=', campaignId)
    .where('type', '=', 'followup')
    .execute();
  const byItem = new Map<string, FollowupRef[]>();
  if (originals.length === 0) return byItem;
  const corrections = new Map<string, { seq: number; type: string; body: FollowupBody }>();
  for (const part of chunks(
    originals.map((o) => o.id),
    500,
  )) {
    const rows = await db.selectFrom('records').select(['target_id', 'type', 'seq', 'canon']).where('target_id', 'in', part).orderBy('seq').execute();
    for (const r of rows) {
      const prior = corrections.get(r.target_id!);
      if (prior?.type === 'void') continue;
      const rec = JSON.parse(r.canon) as PingyiRecord;
      corrections.set(r.target_id!, { seq: r.seq, type: r.type, body: (r.type === 'amend' ? rec.body.body : rec.body) as FollowupBody });
    }
  }
  for (const o of originals) {
    const record = JSON.parse(o.canon) as PingyiRecord;
    const c = corrections.get(o.id);
    if (c?.type === 'void') continue;
    const body = c?.type === 'amend' ? c.body : (record.body as FollowupBody);
    const ref: FollowupRef = {
      hash: o.hash,
      recordId: o.id,
      verdict: body.verdict,
      visitedAt: body.visitedAt,
      note: body.note,
      attachments: record.attachments?.length ?? 0,
    };
    const list = byItem.get(body.itemId);
    if (list) list.push(ref);
    else byItem.set(body.itemId, [ref]);
  }
  for (const list of byItem.values()) list.sort((a, b) => (a.visitedAt < b.visitedAt ? -1 : a.visitedAt > b.visitedAt ? 1 : 0));
  return byItem;
}

export interface ListFilter {
  unitId?: string;
  status?: RectStatus;
}

/** The items of a campaign with their answers, follow-ups, status and overdue days, overdue first; and the counts per unit. */
export async function listItems(db: DbOrTx, campaignId: string, nowMs: number, filter: ListFilter = {}): Promise<RectList> {
  const rows = await db
    .selectFrom('rect_items')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .$if(filter.unitId !== undefined, (q) => q.where('unit_id', '=', filter.unitId!))
    .execute();
  const answerRows = await db.selectFrom('rect_answers').selectAll().where('campaign_id', '=', campaignId).orderBy('at').orderBy('id').execute();
  const answers = new Map<string, RectAnswer[]>();
  for (const r of answerRows) {
    const list = answers.get(r.item_id);
    if (list) list.push(answerFromRow(r));
    else answers.set(r.item_id, [answerFromRow(r)]);
  }
  const followups = await campaignFollowups(db, campaignId);
  const all = rows.map((r): RectItemView => {
    const item = itemFromRow(r);
    const a = answers.get(item.id) ?? [];
    const f = followups.get(item.id) ?? [];
    const status = itemStatus(item, a, f);
    const days = daysOverdue(item.deadline, status, nowMs);
    return { ...item, status, overdue: days > 0, daysOverdue: days, answers: a, followups: f };
  });
  const units = unitCounts(all);
  const items = all.filter((i) => filter.status === undefined || i.status === filter.status).sort(byUrgency);
  return { items, units };
}

/** What a tablet fetches: the campaign's items not closed, for 回头看 (no answers, no sources). */
export async function tabletItems(db: DbOrTx, campaignId: string): Promise<{ id: string; unitId: string; problem: string; deadline: string }[]> {
  const rows = await db
    .selectFrom('rect_items')
    .select(['id', 'unit_id', 'problem', 'deadline'])
    .where('campaign_id', '=', campaignId)
    .where('closed_at', 'is', null)
    .orderBy('deadline')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id, problem: r.problem, deadline: r.deadline }));
}
