import type { PingyiRecord, RecordType } from '../domain/records';
import type { DayTally, PingyiDb, StoredRecord } from './db';

// Today's counts, kept as one small row per device and day and changed in the seal's own
// transaction. The home screen and the questionnaire's counter read that row: no read grows with
// the records sealed today, so none of them can hold up a draft write or a seal (in Chromium every
// request of a database waits behind a long read of it).

/** The empty row of a device and day. */
export function emptyTally(deviceId: string, day: string): DayTally {
  return { deviceId, day, byType: {}, f2f: {} };
}

/** What a questionnaire counts under: its campaign, unit and rater group. */
interface F2fKey {
  campaignId: string;
  unitId: string;
  group: string;
}

function f2fKey(campaignId: string, body: Record<string, unknown> | undefined): F2fKey | undefined {
  if (!body || typeof body.unitId !== 'string') return undefined;
  return { campaignId, unitId: body.unitId, group: String(body.raterGroup) };
}

function addF2f(t: DayTally, k: F2fKey, n: number): void {
  const units = (t.f2f[k.campaignId] ??= {});
  const groups = (units[k.unitId] ??= {});
  const next = (groups[k.group] ?? 0) + n;
  if (next > 0) groups[k.group] = next;
  else delete groups[k.group];
}

/** The row after one sealed record: its type counted; an f2f counted under its unit and group. */
export function countSealed(t: DayTally, type: RecordType, record: PingyiRecord): void {
  t.byType[type] = (t.byType[type] ?? 0) + 1;
  const k = type === 'f2f' ? f2fKey(record.campaignId, record.body) : undefined;
  if (k) addF2f(t, k, 1);
}

/**
 * The original questionnaire's row after a correction of it: it leaves the unit and group it
 * counted under (its latest amend's, or its own), and an amend counts it under the new ones.
 */
export function countCorrection(t: DayTally, original: StoredRecord, before: StoredRecord[], correction: PingyiRecord): void {
  if (original.type !== 'f2f' || before.some((c) => c.type === 'void')) return;
  const amends = before.filter((c) => c.type === 'amend').sort((a, b) => a.seq - b.seq);
  const latest = amends.length ? (amends[amends.length - 1]!.record.body.body as Record<string, unknown>) : original.record.body;
  const from = f2fKey(original.campaignId, latest);
  if (from) addF2f(t, from, -1);
  if (correction.type === 'amend') {
    const to = f2fKey(original.campaignId, correction.body.body as Record<string, unknown> | undefined);
    if (to) addF2f(t, to, 1);
  }
}

/**
 * Inside the seal's read-write transaction (over records and days): the day rows after the record,
 * to be written in the same transaction. `own` is the record's own day row as read in that
 * transaction (undefined when the day has none yet), read beside the chain head so that the seal
 * waits on one round of reads instead of two. An amend or void of a questionnaire also moves the
 * original on its own day's row (read here; corrections are rare).
 */
export async function tallyRows(db: PingyiDb, stored: StoredRecord, own: DayTally | undefined): Promise<DayTally[]> {
  const rows = new Map<string, DayTally>();
  const keyOf = (deviceId: string, day: string) => `${deviceId}\u0000${day}`;
  rows.set(keyOf(stored.deviceId, stored.day), own ?? emptyTally(stored.deviceId, stored.day));
  const row = async (deviceId: string, day: string) => {
    const key = keyOf(deviceId, day);
    let t = rows.get(key);
    if (!t) {
      t = (await db.days.get([deviceId, day])) ?? emptyTally(deviceId, day);
      rows.set(key, t);
    }
    return t;
  };
  countSealed(await row(stored.deviceId, stored.day), stored.type, stored.record);
  if (stored.targetId) {
    const [original, corrections] = await Promise.all([
      db.records.where('record.id').equals(stored.targetId).first(),
      db.records.where('targetId').equals(stored.targetId).toArray(),
    ]);
    if (original) {
      const before = corrections.filter((c) => c.hash !== stored.hash);
      countCorrection(await row(original.deviceId, original.day), original, before, stored.record);
    }
  }
  return [...rows.values()];
}

/**
 * Rebuilds every row from the stored records (the schema-3 upgrade, for records sealed before the
 * rows existed). Feed it each device's records in seq order (the [deviceId+seq] index), so that
 * corrections meet the questionnaires they correct; it keeps only a few fields per questionnaire.
 */
export function tallyBuilder(): { add(r: StoredRecord): void; rows(): DayTally[] } {
  const rows = new Map<string, DayTally>();
  const originals = new Map<string, { deviceId: string; day: string; campaignId: string; current?: F2fKey }>();
  const row = (deviceId: string, day: string) => {
    const key = `${deviceId}\u0000${day}`;
    let t = rows.get(key);
    if (!t) rows.set(key, (t = emptyTally(deviceId, day)));
    return t;
  };
  return {
    add(r) {
      countSealed(row(r.deviceId, r.day), r.type, r.record);
      if (r.type === 'f2f') {
        originals.set(r.record.id, { deviceId: r.deviceId, day: r.day, campaignId: r.campaignId, current: f2fKey(r.campaignId, r.record.body) });
        return;
      }
      const o = r.targetId ? originals.get(r.targetId) : undefined;
      if (!o?.current) return;
      const t = row(o.deviceId, o.day);
      addF2f(t, o.current, -1);
      o.current = r.type === 'amend' ? f2fKey(o.campaignId, r.record.body.body as Record<string, unknown> | undefined) : undefined;
      if (o.current) addF2f(t, o.current, 1);
    },
    rows: () => [...rows.values()],
  };
}
