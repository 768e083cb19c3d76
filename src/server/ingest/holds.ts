import type { Campaign } from '../../domain/campaign';
import { campaignLimits, holdReasons, shanghaiDay, type HoldReason, type SealedDays } from '../../domain/review';
import type { IngestTx } from '../store/types';
import type { CheckedRecord } from './check-records';

/**
 * The hold reasons of a batch's questionnaires (domain/review.ts), from the device's earlier f2f
 * and those before each in the batch; the device's sealing times and day counts are updated in the
 * same transaction. Returns reasons by record id, only for held ones. A batch reads its days' counts
 * and, for the burst limit, only the stored sealing times near its own (never a whole day), so its
 * cost does not grow with what the device sealed before.
 */
export async function batchHolds(tx: IngestTx, deviceId: string, campaign: Campaign | undefined, records: CheckedRecord[]): Promise<Map<string, HoldReason[]>> {
  const held = new Map<string, HoldReason[]>();
  const f2fs = records.filter((r) => r.record.type === 'f2f');
  if (f2fs.length === 0 || !campaign) return held;
  const limits = campaignLimits(campaign);
  const times = f2fs.map((r) => Date.parse(r.record.sealedAt));
  const days = [...new Set(times.map(shanghaiDay))];
  const seen: SealedDays = { counts: await tx.dayCounts(deviceId, days), times: new Map() };
  if (limits.burst !== null) {
    const near = await tx.sealTimesNear(deviceId, times, limits.burst.count - 1, limits.burst.minutes * 60_000);
    for (const t of near) {
      const day = shanghaiDay(t);
      const list = seen.times.get(day);
      if (list) list.push(t);
      else seen.times.set(day, [t]);
    }
    for (const list of seen.times.values()) list.sort((a, b) => a - b);
  }
  f2fs.forEach((r, i) => {
    const reasons = holdReasons(limits, seen, times[i]!);
    if (reasons.length > 0) held.set(r.record.id, reasons);
  });
  await tx.saveSeals(
    deviceId,
    new Map(days.map((d) => [d, seen.counts.get(d)!])),
    f2fs.map((r, i) => ({ ms: times[i]!, seq: r.record.seq })),
  );
  return held;
}
