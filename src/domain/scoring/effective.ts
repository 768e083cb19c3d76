import type { F2fBody, PingyiRecord } from '../records';
import type { F2fAnswer } from './types';

/** One questionnaire as it counts: the original f2f record, its latest amendment applied, not voided. */
export interface EffectiveF2f extends F2fAnswer {
  originalId: string;
  campaignId: string;
  deviceId: string;
  collector: string;
  /** seq of the version that counts (the latest amend, or the original). */
  latestSeq: number;
  /** When the original was sealed: data-quality signals are about the interview, not the correction. */
  sealedAt: string;
  durationMs: number;
}

interface Correction {
  seq: number;
  body?: Record<string, unknown>;
}

/**
 * Applies amends (the latest by seq wins; a target and its corrections share a device, so seqs
 * compare) and voids to a set of records, in any order, and returns the f2f questionnaires that
 * count (src/domain/DOMAIN.md Scoring: sealed, synced, not voided, amended ones in their latest version only).
 * Records are taken as already validated by the server; corrections of other types are ignored.
 */
export function effectiveAnswers(records: Iterable<PingyiRecord>): EffectiveF2f[] {
  const originals = new Map<string, PingyiRecord>();
  const latestAmend = new Map<string, Correction>();
  const voided = new Set<string>();
  for (const r of records) {
    if (r.type === 'f2f') originals.set(r.id, r);
    else if (r.type === 'void') voided.add(String(r.body.targetId));
    else if (r.type === 'amend') {
      const target = String(r.body.targetId);
      const seen = latestAmend.get(target);
      if (!seen || seen.seq < r.seq) latestAmend.set(target, { seq: r.seq, body: r.body.body as Record<string, unknown> });
    }
  }
  const out: EffectiveF2f[] = [];
  for (const [id, r] of originals) {
    if (voided.has(id)) continue;
    const amend = latestAmend.get(id);
    const body = (amend?.body ?? r.body) as F2fBody;
    out.push({
      originalId: id,
      campaignId: r.campaignId,
      deviceId: r.deviceId,
      collector: r.collector,
      latestSeq: amend?.seq ?? r.seq,
      sealedAt: r.sealedAt,
      unitId: body.unitId,
      raterGroup: body.raterGroup,
      overall: body.overall,
      ratings: body.ratings,
      durationMs: body.durationMs,
    });
  }
  return out;
}
