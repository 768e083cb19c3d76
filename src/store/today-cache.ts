import type { RecordType } from '../domain/records';

// Today's counts as the home screen last read them (or a seal last wrote them), kept in
// localStorage: read synchronously, it lets the home screen show them in its first frame instead
// of after the database has answered, which on a slow tablet with a large database is a few
// hundred milliseconds later. They are only a first guess: the home screen reads the day's row
// (store/day-tally.ts) at the same time and shows that as soon as it arrives, so a copy that
// missed a change (a seal in a tab that closed before writing it) is on screen for that moment
// only, and marked as not yet confirmed.

const KEY = 'pingyi:today';

/** Record types sealed on the day, by type, as in the day's row (DayTally.byType). */
export type DayTypeCounts = Partial<Record<RecordType, number>>;

const TYPES = new Set<string>(['f2f', 'forum', 'visit', 'stall', 'followup', 'amend', 'void']);

/** The remembered counts of the device and day, or undefined when none are (or they are not of the agreed shape). */
export function cachedToday(deviceId: string, day: string): DayTypeCounts | undefined {
  let v: unknown;
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return undefined;
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const { deviceId: d, day: y, byType } = v as Record<string, unknown>;
  if (d !== deviceId || y !== day || !byType || typeof byType !== 'object' || Array.isArray(byType)) return undefined;
  const out: DayTypeCounts = {};
  for (const [type, n] of Object.entries(byType)) {
    if (!TYPES.has(type) || !Number.isSafeInteger(n) || (n as number) < 0) return undefined;
    out[type as RecordType] = n as number;
  }
  return out;
}

/** Remembers the counts of the device and day (the last one written wins); storage refused is no error. */
export function rememberToday(deviceId: string, day: string, byType: DayTypeCounts): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify({ deviceId, day, byType }));
  } catch {
    // Private mode or full: the home screen waits for the database as before.
  }
}
