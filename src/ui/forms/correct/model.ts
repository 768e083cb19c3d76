import { bindingIds } from '../../../domain/kept';
import type { Attachment, OriginalType, PingyiRecord, Sealed } from '../../../domain/records';
import type { StoredRecord } from '../../../store/db';
import type { RecordDetail } from '../../../store/queries';
import type { Session } from '../../context';
import type { Body } from '../common/body';

export type CorrectionAction = 'amend' | 'void';

export type Refusal =
  /** No record with that hash on this tablet. */
  | { kind: 'missing' }
  /** The record is itself an amend or void; corrections target the original (named here). */
  | { kind: 'is-correction'; original?: StoredRecord }
  /** The original was voided: nothing may target it any more. */
  | { kind: 'voided'; by: StoredRecord }
  /** Sealed under another device chain or campaign (before re-enrolling, or practice vs. real). */
  | { kind: 'other-chain' };

export interface CorrectionPlan {
  original: StoredRecord;
  type: OriginalType;
  /** The version that counts now: the latest amendment's body, else the original's. */
  current: Body;
  /** Earlier amendments of the same original (an amend of an amended record still targets the original). */
  amendments: number;
  /** The confidential part and photos in force, carried over unchanged unless retyped. */
  kept?: Kept;
}

/** A confidential part and photos the tablet cannot read, carried to a correction as they are. */
export interface Kept {
  sealed?: Sealed;
  attachments?: Attachment[];
  /** The record id they are bound to (HPKE info): the amend names it as `keptFrom`. */
  from: string;
}

/** What of `r` a correction carries over: its sealed part and photos, if it has any. */
function keptOf(r: PingyiRecord): Kept | undefined {
  if (!r.sealed && !r.attachments?.length) return undefined;
  return { ...(r.sealed ? { sealed: r.sealed } : {}), ...(r.attachments?.length ? { attachments: r.attachments } : {}), from: bindingIds(r)[0]! };
}

export const ORIGINAL_TYPES: readonly string[] = ['f2f', 'forum', 'visit', 'stall'];

/**
 * Whether a record may be corrected from this session, and what the correction targets. Mirrors
 * the protocol's rules (validateRecord) so the person is told why before filling anything in.
 */
export function planCorrection(detail: RecordDetail | undefined, session: Session): { ok: true; plan: CorrectionPlan } | { ok: false; refusal: Refusal } {
  if (!detail) return { ok: false, refusal: { kind: 'missing' } };
  const { stored, standing } = detail;
  if (!ORIGINAL_TYPES.includes(stored.type)) return { ok: false, refusal: { kind: 'is-correction', ...(detail.target ? { original: detail.target } : {}) } };
  if (stored.deviceId !== session.deviceId || stored.campaignId !== session.campaign.id) return { ok: false, refusal: { kind: 'other-chain' } };
  if (standing.kind === 'voided') return { ok: false, refusal: { kind: 'voided', by: standing.by } };
  const amendments = detail.corrections.filter((c) => c.type === 'amend').length;
  const current = standing.kind === 'amended' ? ((standing.by.record.body.body as Body | undefined) ?? stored.record.body) : stored.record.body;
  // An amend made before amends carried the confidential part has none: the original's is in force.
  const kept = (standing.kind === 'amended' ? keptOf(standing.by.record) : undefined) ?? keptOf(stored.record);
  return { ok: true, plan: { original: stored, type: stored.type as OriginalType, current, amendments, ...(kept ? { kept } : {}) } };
}

/** The amend body field naming the record a carried-over confidential part is bound to. */
export function withKeptFrom(body: Body, kept: Kept | undefined): Body {
  const next = { ...body };
  if (kept?.sealed || kept?.attachments?.length) next.keptFrom = kept.from;
  else delete next.keptFrom;
  return next;
}

/** The body of an amend or void draft for the plan's original. */
export function correctionBody(plan: CorrectionPlan, action: CorrectionAction): Body {
  const target = { targetId: plan.original.record.id, targetHash: plan.original.hash };
  return action === 'amend' ? { ...target, body: structuredClone(plan.current) } : target;
}
