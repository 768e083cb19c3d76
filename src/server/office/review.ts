import { z } from 'zod';
import { decide, type HoldReason, type ReviewDecision, type ReviewState } from '../../domain/review';
import type { ReviewItem, ReviewPage } from '../../protocol/office-api';
import { HashSchema } from '../../domain/records';
import { ApiError } from '../http/errors';
import { byHashes, chunks, hashEpochs } from '../store/rows';
import type { OfficeDb } from './tables';

export const LISTED_STATES = ['held', 'accepted', 'excluded'] as const;

/** Questionnaires of a campaign in one review state, in acceptance order, after a log index. */
export async function listReview(
  db: OfficeDb,
  q: { campaignId: string; state: (typeof LISTED_STATES)[number]; deviceId?: string; after?: number; limit: number },
): Promise<ReviewPage> {
  const rows = await db
    .selectFrom('f2f_effective as f')
    .innerJoin('records as r', 'r.id', 'f.original_id')
    .select(['r.hash', 'r.log_idx', 'r.seq', 'f.device_id', 'f.collector', 'f.unit_id', 'f.created_at', 'f.sealed_at', 'f.received_at', 'f.reasons', 'f.state'])
    .where('f.campaign_id', '=', q.campaignId)
    .where('f.state', '=', q.state)
    .$if(q.deviceId !== undefined, (s) => s.where('f.device_id', '=', q.deviceId!))
    .$if(q.after !== undefined, (s) => s.where('r.log_idx', '>', q.after!))
    .orderBy('r.log_idx')
    .limit(q.limit)
    .execute();
  const records = rows.map((r): ReviewItem => ({
    hash: r.hash,
    logIndex: Number(r.log_idx),
    deviceId: r.device_id,
    seq: Number(r.seq),
    collector: r.collector,
    unitId: r.unit_id,
    createdAt: r.created_at,
    sealedAt: r.sealed_at,
    receivedAt: r.received_at,
    reasons: JSON.parse(r.reasons) as HoldReason[],
    state: r.state as ReviewItem['state'],
  }));
  return { records, next: records.length === q.limit ? records[records.length - 1]!.logIndex : null };
}

const MAX_HASHES = 10_000;

/** `POST …/review`: a decision over hashes, or over a device's range of seqs. */
export const DecisionSchema = z
  .strictObject({
    decision: z.enum(['accept', 'exclude']),
    reason: z
      .string()
      .max(2000)
      .refine((s) => s.trim().length > 0, 'a decision needs a reason'),
    hashes: z.array(HashSchema).min(1).max(MAX_HASHES).optional(),
    deviceId: z.string().min(1).max(128).optional(),
    fromSeq: z.number().int().min(1).optional(),
    toSeq: z.number().int().min(1).optional(),
  })
  .superRefine((d, ctx) => {
    const range = d.deviceId !== undefined || d.fromSeq !== undefined || d.toSeq !== undefined;
    if ((d.hashes !== undefined) === range)
      ctx.addIssue({ code: 'custom', message: 'name the questionnaires either by hashes or by deviceId, fromSeq and toSeq' });
    else if (range && (d.deviceId === undefined || d.fromSeq === undefined || d.toSeq === undefined || d.fromSeq > d.toSeq)) {
      ctx.addIssue({ code: 'custom', message: 'a range needs deviceId and fromSeq ≤ toSeq' });
    }
  });
export type DecisionInput = z.infer<typeof DecisionSchema>;

function invalid(message: string, details: Record<string, unknown> = {}): ApiError {
  return new ApiError('invalid-decision', message, details);
}

export function parseDecision(body: unknown): DecisionInput {
  const r = DecisionSchema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.length ? `/${issue.path.join('/')}` : '';
  throw invalid(`The decision is not valid${path ? ` at ${path}` : ''}: ${issue.message}.`, { path });
}

interface Target {
  hash: string;
  id: string;
  state: ReviewState;
  reasons: string[];
}

/** The questionnaires a decision names, each an f2f of the campaign in force; throws invalid-decision otherwise. */
async function targetsOf(db: OfficeDb, campaignId: string, d: DecisionInput): Promise<Target[]> {
  const found: Target[] = [];
  if (d.hashes) {
    const wanted = [...new Set(d.hashes)];
    const epochs = await hashEpochs(db);
    for (const part of chunks(wanted, 500)) {
      const rows = await db
        .selectFrom('records as r')
        .innerJoin('f2f_effective as f', (j) => j.onRef('f.original_id', '=', 'r.id').on('f.campaign_id', '=', campaignId))
        .select(['r.hash', 'r.id', 'f.state', 'f.reasons'])
        .where(byHashes(part, epochs, 'r'))
        .where('r.type', '=', 'f2f')
        .execute();
      for (const r of rows) found.push({ hash: r.hash, id: r.id, state: r.state as ReviewState, reasons: JSON.parse(r.reasons) as string[] });
    }
    const known = new Set(found.map((t) => t.hash));
    const unknown = wanted.find((h) => !known.has(h));
    if (unknown)
      throw invalid(`${unknown} is not a questionnaire in force in this campaign (unknown, of another campaign, not an f2f, or voided); nothing was decided.`, {
        hash: unknown,
      });
    return found;
  }
  const rows = await db
    .selectFrom('records as r')
    .innerJoin('f2f_effective as f', (j) => j.onRef('f.original_id', '=', 'r.id').on('f.campaign_id', '=', campaignId))
    .select(['r.hash', 'r.id', 'f.state', 'f.reasons'])
    .where('r.device_id', '=', d.deviceId!)
    .where('r.seq', '>=', d.fromSeq!)
    .where('r.seq', '<=', d.toSeq!)
    .where('r.type', '=', 'f2f')
    .orderBy('r.seq')
    .execute();
  return rows.map((r) => ({ hash: r.hash, id: r.id, state: r.state as ReviewState, reasons: JSON.parse(r.reasons) as string[] }));
}

/** What a decision changed: the questionnaires (by hash) it applied to and their new states. */
export interface DecisionEffect {
  decision: ReviewDecision;
  hashes: string[];
  changed: { id: string; state: ReviewState }[];
}

/**
 * Applies a decision inside the caller's transaction (review-routes.ts logs it as an office action
 * in the same one). Hashes: every one must apply, or nothing is decided. A range: the decision
 * applies to those of its questionnaires it can (accept: the held and excluded ones); none is 422.
 */
export async function applyDecision(db: OfficeDb, campaignId: string, d: DecisionInput): Promise<DecisionEffect> {
  const targets = await targetsOf(db, campaignId, d);
  const applied: (Target & { next: ReviewState })[] = [];
  for (const t of targets) {
    const next = decide(t.state, t.reasons, d.decision);
    if (next === null && d.hashes)
      throw invalid(`${t.hash} was counted without being held: only held or excluded questionnaires can be accepted; nothing was decided.`, { hash: t.hash });
    if (next !== null) applied.push({ ...t, next });
  }
  if (applied.length === 0)
    throw invalid(
      `Device ${d.deviceId} has no questionnaire of this campaign in seq ${d.fromSeq}–${d.toSeq} that can be ${d.decision === 'accept' ? 'accepted' : 'excluded'}.`,
    );
  const changed = applied.filter((t) => t.next !== t.state);
  for (const state of new Set(changed.map((t) => t.next))) {
    for (const part of chunks(
      changed.filter((t) => t.next === state).map((t) => t.id),
      500,
    )) {
      await db.updateTable('f2f_effective').set({ state }).where('campaign_id', '=', campaignId).where('original_id', 'in', part).execute();
    }
  }
  return { decision: d.decision, hashes: applied.map((t) => t.hash), changed: changed.map((t) => ({ id: t.id, state: t.next })) };
}
