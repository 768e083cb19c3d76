import type { PingyiDb, ReceivedMark, StoredRecord } from './db';

// What the server holds of each device chain, as one mark per device (see ReceivedMark). A record
// counts as received when its seq is at or below its device's mark; practice chains never get one.

/** The seq through which verified receipts cover the device's chain (0 when none does). */
export async function receivedThrough(db: PingyiDb, deviceId: string): Promise<number> {
  return (await db.received.get(deviceId))?.throughSeq ?? 0;
}

/** Every device's mark, for reads that span devices (the end-of-day view). */
export async function receivedMarks(db: PingyiDb): Promise<Map<string, number>> {
  return new Map((await db.received.toArray()).map((m) => [m.deviceId, m.throughSeq]));
}

/** Whether a verified receipt covers the record, given its device's mark. */
export function isReceived(r: Pick<StoredRecord, 'seq' | 'practice'>, throughSeq: number): boolean {
  return r.practice !== 1 && r.seq <= throughSeq;
}

/**
 * Moves the device's mark to a verified receipt, inside the caller's read-write transaction over
 * db.received. A mark only moves forward: a late answer for an older batch changes nothing.
 * Returns how many records the mark newly covers.
 */
export async function advanceMark(db: PingyiDb, mark: ReceivedMark): Promise<number> {
  const old = await db.received.get(mark.deviceId);
  if (old && old.throughSeq >= mark.throughSeq) return 0;
  await db.received.put(mark);
  return mark.throughSeq - (old?.throughSeq ?? 0);
}
