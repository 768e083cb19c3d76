import { z } from 'zod';
import { bindingIds } from '../../domain/kept';
import { OPINION_REF, OPINION_TAGS, opinionItems, type OpinionTag } from '../../domain/opinions';
import type { PingyiRecord } from '../../domain/records';
import type { OpinionRow, OpinionsAnswer } from '../../protocol/office-api';
import { ApiError } from '../http/errors';
import { OFFICE_ACTIONS, type NewOfficeAction } from './actions';
import { PAGE } from './export-source';
import type { OfficeDb } from './tables';

/** A record that holds opinions, with its body in force. */
interface Source {
  hash: string;
  record: PingyiRecord;
  body: Record<string, unknown>;
  amended: boolean;
  /** The record whose sealed part is in force (the original, or an amendment that carries one). */
  secretOf: PingyiRecord;
}

const TYPES = ['f2f', 'forum', 'stall', 'visit', 'amend', 'void'] as const;

/**
 * The records of a campaign that hold opinions, each with its body in force (the latest
 * amendment applied, voided ones left out), in log order. Questionnaires are read only when their
 * text holds a comment (or an amendment names them): at 200,000 questionnaires the list reads the
 * few thousand that have one.
 */
export async function opinionSources(db: OfficeDb, campaignId: string): Promise<Source[]> {
  const byId = new Map<string, Source>();
  const corrections: PingyiRecord[] = [];
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('records')
      .select(['log_idx', 'hash', 'canon', 'type'])
      .where('campaign_id', '=', campaignId)
      .where('type', 'in', [...TYPES])
      .where((eb) => eb.or([eb('type', '<>', 'f2f'), eb('canon', 'like', '%"comment":%')]))
      .where('log_idx', '>', after)
      .orderBy('log_idx')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const record = JSON.parse(r.canon) as PingyiRecord;
      if (r.type === 'amend' || r.type === 'void') corrections.push(record);
      else byId.set(record.id, { hash: r.hash, record, body: record.body, amended: false, secretOf: record });
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.log_idx;
  }
  // Questionnaires without a comment that an amendment gave one: read their originals too.
  const missing = [...new Set(corrections.filter((c) => c.type === 'amend').map((c) => String(c.body.targetId)))].filter((id) => !byId.has(id));
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await db
      .selectFrom('records')
      .select(['hash', 'canon'])
      .where('campaign_id', '=', campaignId)
      .where('id', 'in', missing.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const record = JSON.parse(r.canon) as PingyiRecord;
      byId.set(record.id, { hash: r.hash, record, body: record.body, amended: false, secretOf: record });
    }
  }
  // Amendments supersede each other in seq order, which is log order for one device.
  for (const c of corrections) {
    const s = byId.get(String(c.body.targetId));
    if (!s) continue;
    if (c.type === 'void') {
      byId.delete(s.record.id);
      continue;
    }
    s.body = (c.body.body as Record<string, unknown> | undefined) ?? s.body;
    s.amended = true;
    if (c.sealed !== undefined || (c.attachments?.length ?? 0) > 0) s.secretOf = c;
  }
  return [...byId.values()];
}

/** Every opinion, complaint and finding of the campaign with the office's tags, and their counts. */
export async function listOpinions(db: OfficeDb, campaignId: string): Promise<OpinionsAnswer> {
  const sources = await opinionSources(db, campaignId);
  const decided = new Map((await db.selectFrom('opinion_tags').selectAll().where('campaign_id', '=', campaignId).execute()).map((t) => [t.ref, t] as const));
  const rows: OpinionRow[] = [];
  for (const s of sources) {
    for (const item of opinionItems(s.record, s.hash, s.body, s.amended)) {
      const t = decided.get(item.ref);
      const sealed = item.source === 'finding' && s.secretOf.sealed ? { ids: bindingIds(s.secretOf), ...s.secretOf.sealed } : undefined;
      rows.push({
        ...item,
        tags: t ? (JSON.parse(t.tags) as OpinionTag[]) : [],
        note: t?.note ?? null,
        decidedAt: t?.set_at ?? null,
        decidedBy: t?.set_by ?? null,
        ...(sealed ? { sealed } : {}),
      });
    }
  }
  const byUnit: Record<string, Record<string, number>> = {};
  const byTag: Record<string, number> = {};
  for (const r of rows) {
    const u = (byUnit[r.unitId ?? ''] ??= {});
    u[r.source] = (u[r.source] ?? 0) + 1;
    for (const tag of r.tags.length ? r.tags : ['untagged']) byTag[tag] = (byTag[tag] ?? 0) + 1;
  }
  return { campaignId, rows, counts: { byUnit, byTag } };
}

export const TagsSchema = z
  .strictObject({
    refs: z.array(z.string().regex(OPINION_REF, 'a ref is a record hash, with /<index> for an item of a forum or stall record')).min(1).max(500),
    tags: z.array(z.enum(OPINION_TAGS)).max(OPINION_TAGS.length),
    note: z.string().max(2000).optional(),
  })
  .superRefine((d, ctx) => {
    if (new Set(d.tags).size !== d.tags.length) ctx.addIssue({ code: 'custom', path: ['tags'], message: 'a tag is named twice' });
    if (d.tags.includes('substantiated') && d.tags.includes('unsubstantiated'))
      ctx.addIssue({ code: 'custom', path: ['tags'], message: '属实 and 不属实 exclude each other' });
  });
export type TagsInput = z.infer<typeof TagsSchema>;

export function parseTags(body: unknown): TagsInput {
  const r = TagsSchema.safeParse(body);
  if (r.success) return { ...r.data, refs: [...new Set(r.data.refs)], note: r.data.note?.trim() || undefined };
  const issue = r.error.issues[0]!;
  const path = issue.path.length ? `/${issue.path.join('/')}` : '';
  throw new ApiError('invalid-decision', `The tags are not valid${path ? ` at ${path}` : ''}: ${issue.message}; nothing was tagged.`, { path });
}

/**
 * Sets the tags and note of each ref inside the caller's transaction (the route logs the office
 * action in the same one). Every ref must be an opinion of the campaign as it stands, or nothing is
 * tagged. An empty list of tags and no note clears the ref's 甄别.
 */
export async function setTags(db: OfficeDb, campaignId: string, input: TagsInput, actor: string, at: string): Promise<void> {
  const known = new Set((await listOpinions(db, campaignId)).rows.map((r) => r.ref));
  const unknown = input.refs.find((r) => !known.has(r));
  if (unknown)
    throw new ApiError('invalid-decision', `${unknown} is not an opinion, complaint or finding of this campaign; nothing was tagged.`, { ref: unknown });
  for (let i = 0; i < input.refs.length; i += 200) {
    const refs = input.refs.slice(i, i + 200);
    await db.deleteFrom('opinion_tags').where('campaign_id', '=', campaignId).where('ref', 'in', refs).execute();
    if (input.tags.length === 0 && input.note === undefined) continue;
    await db
      .insertInto('opinion_tags')
      .values(refs.map((ref) => ({ campaign_id: campaignId, ref, tags: JSON.stringify(input.tags), note: input.note ?? null, set_at: at, set_by: actor })))
      .execute();
  }
}

/** The office action of a 甄别: enough to replay it (every ref, its tags and note). */
export function tagsAction(campaignId: string, actor: string, at: string, input: TagsInput): NewOfficeAction {
  return {
    action: OFFICE_ACTIONS.opinionTags,
    campaignId,
    actor,
    at,
    data: { refs: input.refs, tags: input.tags, note: input.note ?? null },
  };
}
