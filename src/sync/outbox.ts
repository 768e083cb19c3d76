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

/**
 * The records to send, in seq order: from the first unsent one (or from `fromSeq` when the server
 * asked to resend from there after a chain-gap) to the device's head. Receipts cover prefixes of
 * the chain, so the unsent records are one run; records before it are sent again only on request.
 * Practice records never leave the tablet: they have their own local device id and are excluded
 * here as well.
 */
export async function loadOutbox(db: PingyiDb, deviceId: string, fromSeq?: number): Promise<StoredRecord[]> {
  const firstUnsent = await firstUnsentSeq(db, deviceId);
  const start = fromSeq !== undefined ? Math.min(fromSeq, firstUnsent ?? fromSeq) : firstUnsent;
  if (start === null) return [];
  const records = await db.records.where('[deviceId+seq]').between([deviceId, start], [deviceId, Infinity], true, true).toArray();
  let expected = start;
  let prevHash: string | null = null;
  for (const r of records) {
    if (r.practice === 1) throw new LocalChainError(r.seq, `record ${r.seq} is a practice record under the enrolled device id`);
    if (r.seq !== expected) throw new LocalChainError(expected, `record ${expected} is missing on this tablet`);
    if (prevHash !== null && r.record.prev !== prevHash) throw new LocalChainError(r.seq, `record ${r.seq} does not link to record ${r.seq - 1}`);
    prevHash = r.hash;
    expected++;
  }
  return records;
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
