import type { Campaign } from './campaign';

/**
 * Held questionnaires (PROTOCOL.md "Held questionnaires and the office's review"): the rules that
 * decide, when an f2f arrives, whether it is held for the office. Pure, so that the server at ingest
 * and the offline verifier replaying an export reach the same answer.
 */

export type HoldReason = 'daily-cap' | 'burst';
/** counted: never held; held: waiting for the office; accepted: was held, the office counts it; excluded: not counted. */
export type ReviewState = 'counted' | 'held' | 'accepted' | 'excluded';
export const REVIEW_STATES: readonly ReviewState[] = ['counted', 'held', 'accepted', 'excluded'];
export type ReviewDecision = 'accept' | 'exclude';

export interface Limits {
  maxPerDevicePerDay: number | null;
  burst: { count: number; minutes: number } | null;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({ maxPerDevicePerDay: 200, burst: Object.freeze({ count: 10, minutes: 5 }) });

/** The limits in force for a campaign: absent keys take the defaults, null turns a limit off. */
export function campaignLimits(campaign: Pick<Campaign, 'limits'>): Limits {
  const l = campaign.limits;
  if (l === null) return { maxPerDevicePerDay: null, burst: null };
  return {
    maxPerDevicePerDay: l?.maxPerDevicePerDay === undefined ? DEFAULT_LIMITS.maxPerDevicePerDay : l.maxPerDevicePerDay,
    burst: l?.burst === undefined ? DEFAULT_LIMITS.burst : l.burst,
  };
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The day shanghaiDay named last (a batch's questionnaires mostly share one): its number and name. */
let lastDayNumber = NaN;
let lastDayName = '';

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(ms: number): string {
  const n = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
  if (n !== lastDayNumber) {
    lastDayName = new Date(n * DAY_MS).toISOString().slice(0, 10);
    lastDayNumber = n;
  }
  return lastDayName;
}

/** The day before and after a YYYY-MM-DD day. */
function neighbourDays(day: string): [string, string] {
  const ms = Date.parse(day + 'T00:00:00.000Z');
  return [new Date(ms - DAY_MS).toISOString().slice(0, 10), new Date(ms + DAY_MS).toISOString().slice(0, 10)];
}

/**
 * sealedAt (ms) of the f2f a device has sealed, by Asia/Shanghai day, each list ascending.
 */
export type DayTimes = Map<string, number[]>;

/**
 * What holdReasons knows of the f2f a device sealed before the one it judges, by Asia/Shanghai day:
 * `counts`, how many (every one it sealed, voided ones too: a questionnaire's place in its day never
 * changes), and `times`, their sealedAt. `times` may hold only part of a day: for every instant
 * judged, every time within burst.minutes of it up to the burst.count − 1 nearest on either side
 * (those are all the burst rule can reach). The server reads no more than that for a batch
 * (server/ingest/holds.ts); the verifier's replay keeps them all.
 */
export interface SealedDays {
  counts: Map<string, number>;
  times: DayTimes;
}

/** A device that has sealed nothing yet. */
export const noSealedDays = (): SealedDays => ({ counts: new Map(), times: new Map() });

/** The days whose lists holdReasons reads for an f2f sealed at `ms` (its day and the two beside it). */
export function daysAround(ms: number): string[] {
  const day = shanghaiDay(ms);
  const [before, after] = neighbourDays(day);
  return [before, day, after];
}

/** The first index of the ascending `list` whose value is above `t` (or at least `t` when `orEqual`). */
function bound(list: readonly number[], t: number, orEqual: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < t || (!orEqual && list[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: number[], t: number): number {
  const at = bound(list, t, false);
  list.splice(at, 0, t);
  return at;
}

/**
 * Up to `n` times of `times` on each side of `ms` within [ms − w, ms + w], ascending: the only ones
 * a window of n + 1 consecutive times that holds `ms` can reach (binary search in each sorted day).
 */
function timesNear(times: DayTimes, days: string[], ms: number, w: number, n: number): number[] {
  const out: number[] = [];
  for (const d of days) {
    const list = times.get(d);
    if (!list) continue;
    const mid = bound(list, ms, false);
    for (let i = Math.max(0, mid - n); i < mid; i++) if (list[i]! >= ms - w) out.push(list[i]!);
    for (let i = mid; i < Math.min(list.length, mid + n); i++) if (list[i]! <= ms + w) out.push(list[i]!);
  }
  return days.length > 1 ? out.sort((a, b) => a - b) : out;
}

/**
 * Why an f2f sealed at `ms` is held, given the f2f its device sealed before it (lower seq) in
 * `seen`; then adds it to `seen`. Call it in seq order.
 * - daily-cap: it is beyond the maxPerDevicePerDay-th f2f of its device on its Asia/Shanghai day,
 *   counted in seq order (the device's sealing order; equal sealedAt values need no tie-break).
 * - burst: there is a span of burst.minutes (ends included) holding it and at least burst.count − 1
 *   earlier-seq f2f of its device.
 * So a device never has more than maxPerDevicePerDay unheld f2f on a day, nor burst.count unheld ones
 * in any span of burst.minutes, whatever order its clock gives them.
 */
export function holdReasons(limits: Limits, seen: SealedDays, ms: number): HoldReason[] {
  const reasons: HoldReason[] = [];
  const { times, counts } = seen;
  const day = shanghaiDay(ms);
  const count = counts.get(day) ?? 0;
  if (limits.maxPerDevicePerDay !== null && count >= limits.maxPerDevicePerDay) reasons.push('daily-cap');
  if (limits.burst !== null) {
    const w = limits.burst.minutes * 60_000;
    // The days beside it only when the window reaches them.
    const dayOf = (t: number) => Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS);
    const days = dayOf(ms - w) === dayOf(ms + w) ? [day] : daysAround(ms);
    const near = timesNear(times, days, ms, w, limits.burst.count - 1);
    const at = insertSorted(near, ms);
    const k = limits.burst.count;
    for (let start = Math.max(0, at - k + 1); start <= at && start + k - 1 < near.length; start++) {
      if (near[start + k - 1]! - near[start]! <= w) {
        reasons.push('burst');
        break;
      }
    }
  }
  let list = times.get(day);
  if (!list) times.set(day, (list = []));
  insertSorted(list, ms);
  counts.set(day, count + 1);
  return reasons;
}

/** What the review needs of one original f2f, in its device's seq order. */
export interface SealedF2f {
  originalId: string;
  deviceId: string;
  seq: number;
  sealedAt: string;
  /** Its leaf in the audit log: when it arrived, so which campaign version's limits judged it. */
  logIdx?: number;
}

/** The limits that judged each f2f: one set for all, or those of the version in force when it arrived. */
export type LimitsOf = Limits | ((f: SealedF2f) => Limits);

/**
 * The hold reasons of every f2f of a campaign from scratch (the verifier's replay of what the
 * server computed at ingest): by device, in seq order, each judged by the limits `limits` gives it
 * (the server judges each by the campaign version in force when it arrives). Returns reasons by
 * original id (empty: not held).
 */
export function replayHolds(limits: LimitsOf, f2fs: Iterable<SealedF2f>): Map<string, HoldReason[]> {
  const limitsOf = typeof limits === 'function' ? limits : () => limits;
  const byDevice = new Map<string, SealedF2f[]>();
  for (const f of f2fs) {
    const list = byDevice.get(f.deviceId);
    if (list) list.push(f);
    else byDevice.set(f.deviceId, [f]);
  }
  const out = new Map<string, HoldReason[]>();
  for (const list of byDevice.values()) {
    list.sort((a, b) => a.seq - b.seq);
    const seen = noSealedDays();
    for (const f of list) out.set(f.originalId, holdReasons(limitsOf(f), seen, Date.parse(f.sealedAt)));
  }
  return out;
}

/**
 * The state a decision gives a questionnaire, or null when the decision does not apply to it:
 * exclude applies to any questionnaire; accept to a held one, or to an excluded one (the office
 * changing its mind), never to one that was counted without being held.
 */
export function decide(state: ReviewState, reasons: readonly string[], decision: ReviewDecision): ReviewState | null {
  if (decision === 'exclude') return 'excluded';
  if (state === 'counted') return null;
  if (state === 'excluded' && reasons.length === 0) return 'counted';
  return 'accepted';
}

/** Whether a questionnaire in this state counts in the tally. */
export const isCounted = (state: ReviewState): boolean => state === 'counted' || state === 'accepted';

/** A decision as the verifier replays it: the questionnaires it names by their original's hash. */
export interface ReplayedDecision {
  decision: ReviewDecision;
  hashes: readonly string[];
  /** How problems name it (e.g. its leaf in the log); "review decision n" when absent. */
  label?: string;
}

/**
 * The review state of every original f2f from scratch: the holds replayed (replayHolds), then the
 * office's decisions in log order. `idOfHash` maps an original f2f's hash to its id. Returns the
 * states and the decisions' problems (a hash that names no questionnaire, a decision that did not
 * apply), which the server would have refused.
 */
export function replayReview(
  limits: LimitsOf,
  f2fs: readonly SealedF2f[],
  decisions: Iterable<ReplayedDecision>,
  idOfHash: (hash: string) => string | undefined,
): { states: Map<string, { state: ReviewState; reasons: HoldReason[] }>; problems: string[] } {
  const holds = replayHolds(limits, f2fs);
  const states = new Map<string, { state: ReviewState; reasons: HoldReason[] }>();
  for (const [id, reasons] of holds) states.set(id, { state: reasons.length > 0 ? 'held' : 'counted', reasons });
  const problems: string[] = [];
  let n = 0;
  for (const d of decisions) {
    n++;
    for (const hash of d.hashes) {
      const id = idOfHash(hash);
      const s = id === undefined ? undefined : states.get(id);
      const next = s && decide(s.state, s.reasons, d.decision);
      if (!s || !next)
        problems.push(
          `${d.label ?? `review decision ${n}`} (${d.decision}) names ${hash.slice(0, 12)}…, ${s ? 'to which it does not apply' : 'which is no questionnaire of the campaign'}`,
        );
      else s.state = next;
    }
  }
  return { states, problems };
}
