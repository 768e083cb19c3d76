/**
 * Data-quality signals per collector and per device (src/domain/DOMAIN.md integrity rules: time taken per
 * questionnaire, many questionnaires in a few minutes, identical answers; and the server's own
 * evidence, quality-evidence.ts). They flag work for a person to review; they never remove or
 * change a record.
 */
import type { CollectorQuality, DeviceQuality, GroupQuality, QualityFlag, QualityOptions, Spread } from '../../protocol/office-api';
import { evidenceSignals } from './quality-evidence';

export type { CollectorQuality, DeviceQuality, GroupQuality, QualityFlag, QualityOptions, Spread };

export interface QualityAnswer {
  originalId: string;
  collector: string;
  sealedAt: string;
  durationMs: number;
  unitId: string;
  raterGroup: string;
  overall: string;
  ratings: string;
  /** Server evidence (absent in older callers): the device, its seq, the interview's start, receipt, review state. */
  deviceId?: string;
  seq?: number;
  createdAt?: string;
  receivedAt?: string;
  state?: string;
}

export const DEFAULT_QUALITY: QualityOptions = { burstWindowMs: 5 * 60_000, burstCount: 8, identicalMin: 5, shortMedianMs: 60_000, maxPerHour: 20 };

/** The p-th percentile by nearest rank of sorted numbers. */
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function spread(values: number[]): Spread | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0]!, p10: pct(s, 10), p25: pct(s, 25), median: pct(s, 50), p75: pct(s, 75), p90: pct(s, 90), max: s[s.length - 1]! };
}

/** Maximal runs where every window of `count` consecutive questionnaires spans at most `windowMs`. */
export function bursts(times: number[], windowMs: number, count: number): { from: number; to: number; count: number }[] {
  const t = [...times].sort((a, b) => a - b);
  const out: { from: number; to: number; count: number; start: number; end: number }[] = [];
  for (let i = 0; i + count - 1 < t.length; i++) {
    if (t[i + count - 1]! - t[i]! > windowMs) continue;
    const last = out[out.length - 1];
    if (last && i <= last.end) {
      last.end = i + count - 1;
      last.to = t[last.end]!;
      last.count = last.end - last.start + 1;
    } else out.push({ from: t[i]!, to: t[i + count - 1]!, count, start: i, end: i + count - 1 });
  }
  return out.map(({ from, to, count: c }) => ({ from, to, count: c }));
}

function groupBy(answers: QualityAnswer[], key: (a: QualityAnswer) => string): [string, QualityAnswer[]][] {
  const groups = new Map<string, QualityAnswer[]>();
  for (const a of answers) {
    const k = key(a);
    const list = groups.get(k);
    if (list) list.push(a);
    else groups.set(k, [a]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The signals of one group of questionnaires (a collector's or a device's). */
export function groupQuality(list: QualityAnswer[], o: QualityOptions = DEFAULT_QUALITY): GroupQuality {
  // A time that is no instant (stored before the stricter checks) is left out, never a 500.
  const times = list.map((a) => Date.parse(a.sealedAt)).filter((t) => Number.isFinite(t));
  const perHour = new Map<number, number>();
  for (const t of times) perHour.set(Math.floor(t / 3600_000), (perHour.get(Math.floor(t / 3600_000)) ?? 0) + 1);
  const maxPerHour = Math.max(0, ...perHour.values());
  const patterns = new Map<string, string[]>();
  for (const a of list) {
    const key = [a.unitId, a.raterGroup, a.overall, a.ratings].join('\u0000');
    const ids = patterns.get(key);
    if (ids) ids.push(a.originalId);
    else patterns.set(key, [a.originalId]);
  }
  const identicalPatterns = [...patterns.values()]
    .filter((ids) => ids.length >= o.identicalMin)
    .map((ids) => ({ count: ids.length, recordIds: ids.sort() }))
    .sort((a, b) => b.count - a.count);
  const durationMs = spread(list.map((a) => a.durationMs));
  const found = bursts(times, o.burstWindowMs, o.burstCount).map((b) => ({
    from: new Date(b.from).toISOString(),
    to: new Date(b.to).toISOString(),
    count: b.count,
  }));
  const evidence = evidenceSignals(list);
  const flags: QualityFlag[] = [];
  if (maxPerHour > o.maxPerHour) flags.push('high-rate');
  if (durationMs && durationMs.median < o.shortMedianMs) flags.push('short-durations');
  if (found.length > 0) flags.push('bursts');
  if (identicalPatterns.length > 0) flags.push('identical-answers');
  flags.push(...evidence.flags);
  return {
    questionnaires: list.length,
    perActiveHour: perHour.size > 0 ? list.length / perHour.size : 0,
    maxPerHour,
    durationMs,
    bursts: found,
    identicalPatterns,
    ...evidence.signals,
    flags,
  };
}

export function collectorQuality(answers: QualityAnswer[], o: QualityOptions = DEFAULT_QUALITY): CollectorQuality[] {
  return groupBy(answers, (a) => a.collector).map(([collector, list]) => ({ collector, ...groupQuality(list, o) }));
}

export function deviceQuality(answers: QualityAnswer[], o: QualityOptions = DEFAULT_QUALITY): DeviceQuality[] {
  return groupBy(answers, (a) => a.deviceId ?? '').map(([deviceId, list]) => ({
    deviceId,
    collectors: [...new Set(list.map((a) => a.collector))].sort(),
    ...groupQuality(list, o),
  }));
}
