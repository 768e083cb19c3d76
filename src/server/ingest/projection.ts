import type { F2fBody, PingyiRecord } from '../../domain/records';
import type { HoldReason } from '../../domain/review';
import type { F2fAnswers, ProjectionOps } from '../store/types';
import type { CheckedRecord } from './check-records';

function answers(originalId: string, original: PingyiRecord, latest: PingyiRecord, body: F2fBody): F2fAnswers {
  return {
    originalId,
    campaignId: original.campaignId,
    unitId: body.unitId,
    raterGroup: body.raterGroup,
    channel: body.channel,
    overall: body.overall,
    ratings: body.ratings,
    deviceId: original.deviceId,
    collector: original.collector,
    latestSeq: latest.seq,
    sealedAt: original.sealedAt,
    durationMs: body.durationMs,
    latE6: body.location?.latE6 ?? null,
    lonE6: body.location?.lonE6 ?? null,
    createdAt: original.createdAt,
    state: 'counted',
    reasons: [],
  };
}

/**
 * What a batch changes in the effective questionnaires: an f2f adds one, an amend of an f2f replaces
 * its answers (amends supersede each other in seq order, which is batch order), a void removes it.
 */
export function projectF2f(records: CheckedRecord[], holds: ReadonlyMap<string, HoldReason[]> = new Map()): ProjectionOps {
  const inserts = new Map<string, F2fAnswers>();
  const updates = new Map<string, F2fAnswers>();
  const deletes = new Set<string>();
  for (const { record, target } of records) {
    if (record.type === 'f2f') {
      const reasons = holds.get(record.id) ?? [];
      inserts.set(record.id, { ...answers(record.id, record, record, record.body as F2fBody), state: reasons.length > 0 ? 'held' : 'counted', reasons });
      continue;
    }
    if (target?.type !== 'f2f') continue;
    const targetId = record.body.targetId as string;
    const local = inserts.get(targetId);
    if (record.type === 'amend') {
      const body = record.body.body as F2fBody;
      // An amend keeps who/when of the original and its review state; only the answers change.
      if (local) {
        const { deviceId, collector, sealedAt, campaignId, createdAt, state, reasons } = local;
        inserts.set(targetId, { ...answers(targetId, record, record, body), deviceId, collector, sealedAt, campaignId, createdAt, state, reasons });
      } else updates.set(targetId, answers(targetId, record, record, body));
    } else if (local) {
      inserts.delete(targetId);
    } else {
      updates.delete(targetId);
      deletes.add(targetId);
    }
  }
  return { inserts: [...inserts.values()], updates: [...updates.values()], deletes: [...deletes] };
}
