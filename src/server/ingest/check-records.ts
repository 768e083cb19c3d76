import type { Campaign } from '../../domain/campaign';
import type { F2fBody, FollowupBody, ForumBody, OriginalType, PingyiRecord, StallBody } from '../../domain/records';
import { imageSignatureMatches } from '../../domain/record-rules';
import { validateRecord, type DeviceView, type ItemLookup, type TargetInfo } from '../../domain/validate';
import { ApiError } from '../http/errors';
import { quickCheck } from './quick-check';
import type { StoredTarget } from '../store/types';

/** A record that passed every check, with the target it corrects (amend/void) and the units it concerns. */
export interface CheckedRecord {
  index: number;
  record: PingyiRecord;
  hash: string;
  canon: string;
  /** RFC 6962 leaf hash (computed in hashBatch from the same bytes as `hash`). */
  leafHash?: Uint8Array;
  units: string[];
  target?: { type: OriginalType; units: string[] };
}

export interface RecordContext {
  /** The campaign the device enrolled in (undefined if it vanished). */
  campaign: Campaign | undefined;
  campaignId: string;
  /** The sending device's enrolled collector and enrollment time, and the batch's receive time. */
  device: DeviceView;
  existingIds: Set<string>;
  storedTargets: Map<string, StoredTarget>;
  /** The campaign's rectification items that the batch's follow-ups name. */
  items: ItemLookup;
}

/** The units an original body names (forum and stall records may name several). */
export function bodyUnits(type: OriginalType, body: Record<string, unknown>): string[] {
  switch (type) {
    case 'f2f':
    // Stryker disable next-line ConditionalExpression: an empty case that falls through; the tests name a visit's unit.
    case 'visit':
      return [(body as F2fBody).unitId];
    case 'followup':
      return [(body as FollowupBody).unitId];
    case 'forum': {
      const b = body as ForumBody;
      return [...b.unitIds, ...b.opinions.flatMap((o) => (o.unitId ? [o.unitId] : []))];
    }
    case 'stall': {
      const b = body as StallBody;
      return [...b.unitIds, ...b.complaints.map((c) => c.unitId)];
    }
  }
}

export function invalid(index: number, path: string, message: string): ApiError {
  return new ApiError('invalid-record', `Record ${index} is invalid at ${path}: ${message}.`, { index, path });
}

/**
 * Validates the records to be appended, in order, each against the campaign and the targets known
 * before it (stored, or earlier in this batch). Throws `invalid-record` for the first failure.
 */
export function checkRecords(
  items: { index: number; raw: Record<string, unknown>; hash: string; canon: string; leafHash: Uint8Array }[],
  ctx: RecordContext,
): CheckedRecord[] {
  const local = new Map<string, TargetInfo & { units: string[] }>();
  const out: CheckedRecord[] = [];
  // Stryker disable next-line BooleanLiteral,ArrowFunction: without a campaign every record is refused before the quick check is asked.
  const quick = ctx.campaign ? quickCheck(ctx.campaign, ctx.device) : () => false;
  for (const { index, raw, hash, canon, leafHash } of items) {
    if (!ctx.campaign || raw.campaignId !== ctx.campaignId) {
      throw invalid(index, '/campaignId', `this device is enrolled in campaign "${ctx.campaignId}" and may only send its records`);
    }
    const lookup = (id: string) => local.get(id) ?? ctx.storedTargets.get(id);
    const problem = quick(raw) ? null : validateRecord(raw, ctx.campaign, lookup, ctx.device, ctx.items);
    if (problem) throw invalid(index, problem.path, problem.message);
    // The quick check or validateRecord accepted the exact wire shape; neither transforms values.
    const record = raw as unknown as PingyiRecord;
    if (ctx.existingIds.has(record.id) || local.has(record.id)) throw invalid(index, '/id', `record id ${record.id} is already used on this server`);

    let units: string[];
    let target: CheckedRecord['target'];
    if (record.type === 'amend' || record.type === 'void') {
      const t = lookup(record.body.targetId as string)!;
      target = { type: t.type as OriginalType, units: t.units };
      if (record.type === 'void') {
        t.voided = true;
        units = t.units;
      } else {
        units = [...t.units, ...bodyUnits(target.type, record.body.body as Record<string, unknown>)];
      }
    } else {
      units = bodyUnits(record.type, record.body);
    }
    units = [...new Set(units)];
    local.set(record.id, { type: record.type, hash, deviceId: record.deviceId, seq: record.seq, voided: false, units });
    out.push({ index, record, hash, canon, leafHash, units, target });
  }
  return out;
}

/** Attachments of the records that the server does not hold, in first-seen order. */
export function attachmentHashes(records: CheckedRecord[]): string[] {
  return [...new Set(records.flatMap((r) => (r.record.attachments ?? []).map((a) => a.sha256)))];
}

/**
 * The first unsealed attachment whose held bytes do not start with the signature of its declared
 * image type, as `invalid-record` (blobs not held yet are left to the missing-blobs check).
 * @param heads the first bytes of each held blob, by sha256
 */
export function attachmentSignatureProblem(records: CheckedRecord[], heads: Map<string, Uint8Array>): ApiError | null {
  for (const { index, record } of records) {
    // Stryker disable next-line ArrayDeclaration: an element that is not an attachment has no sha256 held, so it is passed over like none.
    const attachments = record.attachments ?? [];
    for (let i = 0; i < attachments.length; i++) {
      const a = attachments[i]!;
      const head = heads.get(a.sha256);
      if (a.sealed || head === undefined || imageSignatureMatches(a.mime, head)) continue;
      return invalid(index, `/attachments/${i}/mime`, `the uploaded bytes of ${a.sha256} do not start with the signature of ${a.mime}`);
    }
  }
  return null;
}
