import type { DataQuality } from '../../protocol/office-api';
import { ApiError } from '../http/errors';
import { collectorQuality, DEFAULT_QUALITY, deviceQuality, type QualityAnswer, type QualityOptions } from './quality';
import type { OfficeDb } from './tables';

/** Positive whole numbers from the query string for the data-quality thresholds. */
export function qualityOptions(q: Record<string, unknown>): QualityOptions {
  const o = { ...DEFAULT_QUALITY };
  for (const key of Object.keys(DEFAULT_QUALITY) as (keyof QualityOptions)[]) {
    const v = q[key];
    if (v === undefined) continue;
    const n = Number(v);
    if (typeof v !== 'string' || !Number.isSafeInteger(n) || n <= 0) throw new ApiError('malformed', `${key} must be a positive whole number.`);
    o[key] = n;
  }
  return o;
}

/**
 * GET …/data-quality: the signals per collector and per device over every questionnaire in force
 * (held and excluded ones included: they are what the office reviews), with the server's evidence
 * (its receipt time, the device's seq, the interview's start).
 */
export async function qualityReport(db: OfficeDb, campaignId: string, query: Record<string, unknown>): Promise<DataQuality> {
  const options = qualityOptions(query);
  const rows = await db
    .selectFrom('f2f_effective as f')
    .innerJoin('records as r', 'r.id', 'f.original_id')
    .select([
      'f.original_id',
      'f.collector',
      'f.device_id',
      'r.seq',
      'f.created_at',
      'f.sealed_at',
      'f.received_at',
      'f.state',
      'f.duration_ms',
      'f.unit_id',
      'f.rater_group',
      'f.overall',
      'f.ratings',
    ])
    .where('f.campaign_id', '=', campaignId)
    .execute();
  const answers: QualityAnswer[] = rows.map((r) => ({
    originalId: r.original_id,
    collector: r.collector,
    deviceId: r.device_id,
    seq: Number(r.seq),
    createdAt: r.created_at,
    sealedAt: r.sealed_at,
    receivedAt: r.received_at,
    state: r.state,
    durationMs: Number(r.duration_ms),
    unitId: r.unit_id,
    raterGroup: r.rater_group,
    overall: r.overall,
    ratings: r.ratings,
  }));
  return { campaignId, options, collectors: collectorQuality(answers, options), devices: deviceQuality(answers, options) };
}
