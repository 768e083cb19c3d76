import type { DbOrTx } from './store/schema';
import type { Store } from './store/types';

/**
 * Resumable blob uploads, the optional extension of PROTOCOL.md "Attachments": a device may send a
 * blob in parts, each a `PUT /api/v1/blobs/<sha256>` with `Content-Range: bytes <first>-<last>/<total>`,
 * and ask how much is held with an empty `PUT` and `Content-Range: bytes *\/<total>`. Parts are kept
 * per device and blob (table blob_parts, migration 014) until the last one completes the blob; an
 * upload no part has reached for PARTIAL_UPLOAD_HOURS is swept with the unnamed blobs.
 */

/** How long a half-sent photo waits for the rest of its bytes. */
export const PARTIAL_UPLOAD_HOURS = 24;
const HOUR = 3_600_000;

export interface BlobPartsTable {
  device_id: string;
  sha256: string;
  start: number;
  bytes: number;
  total: number;
  data: Uint8Array;
  received_at: string;
}
type Tables = { blob_parts: BlobPartsTable };

/** What a Content-Range header asks: the state of an upload, or one part of it. */
export type RangeAsk = { kind: 'status'; total: number } | { kind: 'part'; first: number; last: number; total: number };

/**
 * Parses `bytes <first>-<last>/<total>` or `bytes *\/<total>` (RFC 9110 §14.4, the total known).
 * null when the header is not one of those or its numbers do not fit (last < first, last ≥ total).
 */
export function parseContentRange(header: string): RangeAsk | null {
  const status = /^bytes \*\/(\d{1,9})$/.exec(header.trim());
  if (status) {
    const total = Number(status[1]);
    return total >= 1 ? { kind: 'status', total } : null;
  }
  const m = /^bytes (\d{1,9})-(\d{1,9})\/(\d{1,9})$/.exec(header.trim());
  if (!m) return null;
  const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return first <= last && last < total ? { kind: 'part', first, last, total } : null;
}

/** The parts' store on the server's database (SQLite or PostgreSQL alike), or inside a transaction of it. */
export function blobUploads(on: DbOrTx) {
  const db = on.withTables<Tables>();
  const parts = (deviceId: string, sha256: string) =>
    db.selectFrom('blob_parts').select(['start', 'bytes', 'total']).where('device_id', '=', deviceId).where('sha256', '=', sha256).orderBy('start').execute();
  return {
    /**
     * How many bytes from the start the device has sent of this blob (its parts joined without a
     * hole), and the total they declared; received 0 and total null when none.
     */
    async state(deviceId: string, sha256: string): Promise<{ received: number; total: number | null }> {
      const rows = await parts(deviceId, sha256);
      let received = 0;
      for (const r of rows) {
        if (Number(r.start) > received) break;
        received = Math.max(received, Number(r.start) + Number(r.bytes));
      }
      return { received, total: rows.length ? Number(rows[0]!.total) : null };
    },

    /** Stores one part (a part already held at that offset is kept as it is). */
    async add(p: { deviceId: string; sha256: string; start: number; total: number; data: Uint8Array; receivedAt: string }): Promise<void> {
      await db
        .insertInto('blob_parts')
        .values({ device_id: p.deviceId, sha256: p.sha256, start: p.start, bytes: p.data.length, total: p.total, data: p.data, received_at: p.receivedAt })
        .onConflict((oc) => oc.columns(['device_id', 'sha256', 'start']).doNothing())
        .execute();
    },

    /** The parts joined in order, `total` bytes (call once state() says they are all there). */
    async joined(deviceId: string, sha256: string, total: number): Promise<Buffer> {
      const rows = await db
        .selectFrom('blob_parts')
        .select(['start', 'data'])
        .where('device_id', '=', deviceId)
        .where('sha256', '=', sha256)
        .orderBy('start')
        .execute();
      const out = Buffer.alloc(total);
      for (const r of rows) Buffer.from(r.data as Uint8Array).copy(out, Number(r.start), 0, Math.min((r.data as Uint8Array).length, total - Number(r.start)));
      return out;
    },

    async drop(deviceId: string, sha256: string): Promise<void> {
      await db.deleteFrom('blob_parts').where('device_id', '=', deviceId).where('sha256', '=', sha256).execute();
    },

    /** Bytes of the device's unfinished uploads (they count against its quota like unnamed blobs). */
    async pendingBytes(deviceId: string): Promise<number> {
      const row = await db
        .selectFrom('blob_parts')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('bytes'), eb.lit(0)).as('total'))
        .where('device_id', '=', deviceId)
        .executeTakeFirstOrThrow();
      return Number(row.total);
    },

    /**
     * Removes the uploads whose newest part arrived before `before` (a whole upload at once, so a
     * long one still being sent keeps its first parts). Returns how many uploads went.
     */
    async sweep(before: string): Promise<{ deviceId: string; sha256: string; bytes: number }[]> {
      const stale = await db
        .selectFrom('blob_parts')
        .select((eb) => ['device_id', 'sha256', eb.fn.max('received_at').as('newest'), eb.fn.sum<number>('bytes').as('bytes')])
        .groupBy(['device_id', 'sha256'])
        .having((eb) => eb.fn.max('received_at'), '<', before)
        .execute();
      for (const s of stale) await this.drop(s.device_id, s.sha256);
      return stale.map((s) => ({ deviceId: s.device_id, sha256: s.sha256, bytes: Number(s.bytes) }));
    },
  };
}

/** Sweeps the uploads left unfinished for PARTIAL_UPLOAD_HOURS; logs one line per upload removed. */
export async function sweepPartialUploads(store: Store, now: () => number, log: (line: string) => void): Promise<number> {
  const before = new Date(now() - PARTIAL_UPLOAD_HOURS * HOUR).toISOString();
  const removed = await blobUploads(store.db).sweep(before);
  for (const r of removed) {
    log(`removed the unfinished upload of blob ${r.sha256} (${r.bytes} bytes sent) of device ${r.deviceId}: no part for ${PARTIAL_UPLOAD_HOURS} hours`);
  }
  return removed.length;
}
