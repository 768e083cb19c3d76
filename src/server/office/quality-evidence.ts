import type { EvidenceSignals, QualityFlag } from '../../protocol/office-api';
import type { QualityAnswer } from './quality';

export type { EvidenceSignals };

/**
 * Data-quality signals on the server's evidence rather than the tablet's word alone: interview
 * times that overlap, questionnaires sealed closer together than they took, receipts long after
 * sealing, a device's chain whose sealing times run backwards, and what the limits held. Pure.
 */

export const LATE_MS = 72 * 3_600_000;
export const OUT_OF_ORDER_MS = 10 * 60_000;
const SPACING_SLACK_MS = 1000;
const EXAMPLES = 5;

interface Timed {
  a: QualityAnswer;
  start: number;
  end: number;
}

function overlapping(list: Timed[]): EvidenceSignals['overlapping'] {
  const byStart = list.filter((x) => Number.isFinite(x.start) && x.start <= x.end).sort((x, y) => x.start - y.start || x.end - y.end);
  const hit = new Set<string>();
  const examples: [string, string][] = [];
  let longest: Timed | undefined;
  for (const x of byStart) {
    if (longest && x.start < longest.end) {
      hit.add(x.a.originalId).add(longest.a.originalId);
      if (examples.length < EXAMPLES) examples.push([longest.a.originalId, x.a.originalId]);
    }
    if (!longest || x.end > longest.end) longest = x;
  }
  return { count: hit.size, examples };
}

function spacing(list: Timed[]): EvidenceSignals['impossibleSpacing'] {
  const bySealed = list.filter((x) => Number.isFinite(x.end)).sort((x, y) => x.end - y.end);
  let count = 0;
  let run = 0;
  let longestRun = 0;
  const examples: string[] = [];
  for (let i = 1; i < bySealed.length; i++) {
    const gap = bySealed[i]!.end - bySealed[i - 1]!.end;
    if (bySealed[i]!.a.durationMs > gap + SPACING_SLACK_MS) {
      count++;
      run = run === 0 ? 2 : run + 1;
      longestRun = Math.max(longestRun, run);
      if (examples.length < EXAMPLES) examples.push(bySealed[i]!.a.originalId);
    } else run = 0;
  }
  return { count, longestRun, examples };
}

function outOfOrder(list: Timed[]): number {
  const byDevice = new Map<string, Timed[]>();
  for (const x of list) {
    if (x.a.deviceId === undefined || x.a.seq === undefined || !Number.isFinite(x.end)) continue;
    const l = byDevice.get(x.a.deviceId);
    if (l) l.push(x);
    else byDevice.set(x.a.deviceId, [x]);
  }
  let n = 0;
  for (const l of byDevice.values()) {
    l.sort((x, y) => x.a.seq! - y.a.seq!);
    let latest = -Infinity;
    for (const x of l) {
      if (x.end < latest - OUT_OF_ORDER_MS) n++;
      latest = Math.max(latest, x.end);
    }
  }
  return n;
}

export function evidenceSignals(answers: QualityAnswer[]): { signals: EvidenceSignals; flags: QualityFlag[] } {
  const list: Timed[] = answers.map((a) => ({ a, start: a.createdAt ? Date.parse(a.createdAt) : NaN, end: Date.parse(a.sealedAt) }));
  let late = 0;
  let maxDelayMs = 0;
  for (const x of list) {
    const delay = x.a.receivedAt ? Date.parse(x.a.receivedAt) - x.end : NaN;
    if (!Number.isFinite(delay)) continue;
    maxDelayMs = Math.max(maxDelayMs, delay);
    if (delay > LATE_MS) late++;
  }
  const signals: EvidenceSignals = {
    overlapping: overlapping(list),
    impossibleSpacing: spacing(list),
    lateReceipts: { count: late, maxDelayMs },
    outOfOrder: outOfOrder(list),
    held: answers.filter((a) => a.state === 'held').length,
    excluded: answers.filter((a) => a.state === 'excluded').length,
  };
  const flags: QualityFlag[] = [];
  if (signals.overlapping.count > 0) flags.push('overlapping-times');
  if (signals.impossibleSpacing.count > 0) flags.push('impossible-spacing');
  if (late > 0) flags.push('late-receipt');
  if (signals.outOfOrder > 0) flags.push('out-of-order');
  if (signals.held > 0) flags.push('held');
  return { signals, flags };
}
