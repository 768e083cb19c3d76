import type { Campaign } from '../../domain/campaign';
import { campaignLimits, daysAround, holdReasons, shanghaiDay, type DayTimes, type HoldReason } from '../../domain/review';
import type { IngestTx } from '../store/types';
import type { CheckedRecord } from './check-records';

/**
 * The hold reasons of a batch's questionnaires (domain/review.ts), from the device's earlier f2f
 * (device_days) and those before each in the batch, and the device's updated days, written in the
 * same transaction. Returns reasons by record id, only for held ones. One read and one write per
 * batch (a batch's questionnaires usually fall on one or two days).
 */
export async function batchHolds(tx: IngestTx, deviceId: string, campaign: Campaign | undefined, records: CheckedRecord[]): Promise<Map<string, HoldReason[]>> {
  const held = new Map<string, HoldReason[]>();
  const f2fs = records.filter((r) => r.record.type === 'f2f');
  if (f2fs.length === 0 || !campaign) return held;
  const limits = campaignLimits(campaign);
  const times = f2fs.map((r) => Date.parse(r.record.sealedAt));
  const days = new Set<string>();
  for (const t of times) for (const d of daysAround(t)) days.add(d);
  const stored: DayTimes = await tx.deviceDays(deviceId, [...days]);
  const touched = new Set<string>();
  f2fs.forEach((r, i) => {
    const reasons = holdReasons(limits, stored, times[i]!);
    if (reasons.length > 0) held.set(r.record.id, reasons);
    touched.add(shanghaiDay(times[i]!));
  });
  await tx.saveDeviceDays(deviceId, new Map([...touched].map((d) => [d, stored.get(d)!])));
  return held;
}
