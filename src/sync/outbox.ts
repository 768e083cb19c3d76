import type { PingyiDb, StoredRecord } from '../store/db';
import { chainHead } from '../store/queries';
import { isReceived, receivedMarks, receivedThrough } from '../store/received';

/** The first seq of the device not yet covered by a verified receipt, or null when all are. */
export async function firstUnsentSeq(db: PingyiDb, deviceId: string): Promise<number | null> {
  const [head, through] = await Promise.all([chainHead(db, deviceId), receivedThrough(db, deviceId)]);
  return head > through ? through + 1 : null;
}

/** A hole or a broken link in the tablet's own chain: sending past it would be refused as bad-chain. */
export class LocalChainError extends Error {
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(message);
    this.name = 'LocalChainError';
  }
}

/** The part of the device chain to send: seqs from..head. */
export interface OutboxRange {
  deviceId: string;
  from: number;
  head: number;
}

/**
 * What to send: from the first unsent record (or from `fromSeq` when the server asked to resend
 * from there after a chain-gap) to the device's head; null when nothing is unsent. Receipts cover
 * prefixes of the chain, so the unsent records are one run; records before it are sent again
 * only on request.
 */
export async function outboxRange(db: PingyiDb, deviceId: string, fromSeq?: number): Promise<OutboxRange | null> {
  const [head, through] = await Promise.all([chainHead(db, deviceId), receivedThrough(db, deviceId)]);
  const firstUnsent = head > through ? through + 1 : null;
  const from = fromSeq !== undefined ? Math.min(fromSeq, firstUnsent ?? fromSeq) : firstUnsent;
  return from === null || from > head ? null : { deviceId, from, head };
}

/** Records read per step: one batch's worth. */
export const READ_CHUNK = 200;

/**
 * Reads a range of the chain in seq order, a chunk at a time, checking it as it goes: no hole, each
 * record linked to the one before, no practice record under the enrolled device id (sending past
 * a break would be refused as bad-chain; a LocalChainError says where it is). Up to `ahead` chunks
 * are read before they are asked for, so the disk works while the network does, and memory holds
 * a few chunks instead of the whole outbox.
 */
export function outboxReader(db: PingyiDb, range: OutboxRange, chunk = READ_CHUNK, ahead = 2): { next(): Promise<StoredRecord[] | null> } {
  let lo = range.from;
  const queue: { from: number; to: number; rows: Promise<StoredRecord[]> }[] = [];
  const topUp = () => {
    while (queue.length <= ahead && lo <= range.head) {
      const to = Math.min(range.head, lo + chunk - 1);
      const rows = db.records.where('[deviceId+seq]').between([range.deviceId, lo], [range.deviceId, to], true, true).toArray();
      rows.catch(() => undefined); // read in order by next(); a pass that stops early leaves it unread
      queue.push({ from: lo, to, rows });
      lo = to + 1;
    }
  };
  let expected = range.from;
  let prevHash: string | null = null;
  return {
    async next() {
      topUp();
      const step = queue.shift();
      if (!step) return null;
      topUp();
      const records = await step.rows;
      for (const r of records) {
        if (r.practice === 1) throw new LocalChainError(r.seq, `record ${r.seq} is a practice record under the enrolled device id`);
        if (r.seq !== expected) throw new LocalChainError(expected, `record ${expected} is missing on this tablet`);
        if (prevHash !== null && r.record.prev !== prevHash) throw new LocalChainError(r.seq, `record ${r.seq} does not link to record ${r.seq - 1}`);
        prevHash = r.hash;
        expected++;
      }
      if (expected !== step.to + 1) throw new LocalChainError(expected, `record ${expected} is missing on this tablet`);
      return records;
    },
  };
}

/** Every record of the outbox at once (the relay file), checked as outboxReader checks it. */
export async function loadOutbox(db: PingyiDb, deviceId: string, fromSeq?: number): Promise<StoredRecord[]> {
  const range = await outboxRange(db, deviceId, fromSeq);
  if (!range) return [];
  const reader = outboxReader(db, range, 1000, 0);
  const out: StoredRecord[] = [];
  for (let rows = await reader.next(); rows; rows = await reader.next()) out.push(...rows);
  return out;
}

/** Per-campaign figures for the end-of-day view. */
export interface CampaignSyncCounts {
  campaignId: string;
  name: string;
  sent: number;
  unsent: number;
}

/**
 * Sent and unsent sealed records of every enrolled campaign on this tablet (a tablet re-enrolled
 * for a new campaign still shows the old one). Practice records are not counted. This reads the
 * records of each campaign once: the end-of-day view is opened rarely, and no index serves it.
 */
export async function countByCampaign(db: PingyiDb): Promise<CampaignSyncCounts[]> {
  const campaigns = await db.campaigns.filter((c) => c.source === 'enrolled').toArray();
  const marks = await receivedMarks(db);
  const out: CampaignSyncCounts[] = [];
  for (const c of campaigns) {
    const counts: CampaignSyncCounts = { campaignId: c.id, name: c.definition.name, sent: 0, unsent: 0 };
    await db.records
      .where('campaignId')
      .equals(c.id)
      .each((r) => {
        if (r.practice === 1) return;
        if (isReceived(r, marks.get(r.deviceId) ?? 0)) counts.sent++;
        else counts.unsent++;
      });
    out.push(counts);
  }
  return out;
}

/** Photos stored on the tablet that the server has not yet answered for. */
export function countPendingBlobs(db: PingyiDb): Promise<number> {
  return db.blobs.where('uploaded').equals(0).count();
}
