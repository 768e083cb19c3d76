import { sql } from 'kysely';
import { toHex, ZERO } from '../../protocol/canon';
import type { BatchHeader } from '../../protocol/batch';
import type { DeviceExport } from '../../protocol/export';
import { deviceFromRow } from '../store/rows';
import type { OfficeDb } from './tables';

/** Rows read per query while streaming: memory stays flat whatever the campaign's size. */
export const PAGE = 2000;

export interface StoredRow {
  logIdx: number;
  hash: string;
  receivedAt: string;
  canon: string;
}

/** The campaign's records below the cut, in log order, a page at a time. */
export async function* campaignRecords(db: OfficeDb, campaignId: string, below: number): AsyncGenerator<StoredRow> {
  for await (const page of campaignRecordPages(db, campaignId, below)) yield* page;
}

/** The same, as pages of up to PAGE rows (for work done a page at a time, such as the export statuses). */
export async function* campaignRecordPages(db: OfficeDb, campaignId: string, below: number): AsyncGenerator<StoredRow[]> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('records')
      .select(['log_idx', 'hash', 'received_at', 'canon'])
      .where('campaign_id', '=', campaignId)
      .where('log_idx', '>', after)
      .where('log_idx', '<', below)
      .orderBy('log_idx')
      .limit(PAGE)
      .execute();
    if (rows.length > 0) yield rows.map((r) => ({ logIdx: r.log_idx, hash: r.hash, receivedAt: r.received_at, canon: r.canon }));
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.log_idx;
  }
}

/**
 * One position of the log: the campaign's record in full, or an office action of the campaign or of
 * the whole server (accounts) in full; anything of another campaign only as its leaf hash.
 */
export type LogPosition =
  | { logIdx: number; own: StoredRow; action?: undefined }
  | { logIdx: number; own: null; action: string }
  | { logIdx: number; own: null; action?: undefined; leafHash: string };

/** Every log position below the cut, in order, a page at a time (from the leaves: records and actions). */
export async function* logPositions(db: OfficeDb, campaignId: string, below: number): AsyncGenerator<LogPosition> {
  for (let from = 0; from < below; from += PAGE) {
    const rows = await db
      .selectFrom('log_leaves as l')
      .leftJoin('records as r', 'r.log_idx', 'l.idx')
      .leftJoin('office_actions as a', 'a.log_idx', 'l.idx')
      .select(['l.idx', 'r.hash', 'r.received_at', 'l.leaf_hash'])
      // Only this campaign's record and action texts are read; the others stay in the database.
      .select(sql<string | null>`case when r.campaign_id = ${campaignId} then r.canon else null end`.as('canon'))
      .select(
        sql<string | null>`case when a.campaign_id = ${campaignId} or (a.log_idx is not null and a.campaign_id is null) then a.canon else null end`.as(
          'action',
        ),
      )
      .where('l.idx', '>=', from)
      .where('l.idx', '<', Math.min(from + PAGE, below))
      .orderBy('l.idx')
      .execute();
    for (const r of rows) {
      if (r.canon !== null && r.hash !== null && r.received_at !== null)
        yield { logIdx: r.idx, own: { logIdx: r.idx, hash: r.hash, receivedAt: r.received_at, canon: r.canon } };
      else if (r.action !== null) yield { logIdx: r.idx, own: null, action: r.action };
      else yield { logIdx: r.idx, own: null, leafHash: toHex(new Uint8Array(r.leaf_hash)) };
    }
  }
}

/** The campaign's devices with their heads at the cut (the highest seq below it). */
export async function devicesAtCut(db: OfficeDb, campaignId: string, below: number): Promise<DeviceExport[]> {
  const devices = (await db.selectFrom('devices').selectAll().where('campaign_id', '=', campaignId).orderBy('device_id').execute()).map(deviceFromRow);
  const tops = await db
    .selectFrom('records')
    .select(['device_id', (eb) => eb.fn.max('seq').as('seq')])
    .where('campaign_id', '=', campaignId)
    .where('log_idx', '<', below)
    .groupBy('device_id')
    .execute();
  const heads = [];
  for (const t of tops) {
    const seq = Number(t.seq);
    const row = await db.selectFrom('records').select('hash').where('device_id', '=', t.device_id).where('seq', '=', seq).executeTakeFirstOrThrow();
    heads.push({ device_id: t.device_id, seq, hash: row.hash });
  }
  const byDevice = new Map(heads.map((h) => [h.device_id, h]));
  return devices.map((d) => ({
    kind: 'device' as const,
    deviceId: d.deviceId,
    campaignId: d.campaignId,
    label: d.label,
    role: d.role,
    collector: d.collector,
    alg: d.alg,
    keyId: d.keyId,
    publicJwk: { ...d.publicJwk },
    headSeq: byDevice.get(d.deviceId)?.seq ?? 0,
    headHash: byDevice.get(d.deviceId)?.hash ?? ZERO,
    revokedAt: d.revokedAt,
  }));
}

/** The stored batches of these devices whose records all lie below the cut (to_seq ≤ head at the cut). */
export async function* batchesAtCut(db: OfficeDb, devices: DeviceExport[]): AsyncGenerator<{ header: BatchHeader; sig: string; receivedAt: string }> {
  for (const d of devices) {
    if (d.headSeq === 0) continue;
    const rows = await db
      .selectFrom('batches')
      .select(['header', 'sig', 'received_at'])
      .where('device_id', '=', d.deviceId)
      .where('to_seq', '<=', d.headSeq)
      .orderBy('to_seq')
      .execute();
    for (const b of rows) yield { header: JSON.parse(b.header) as BatchHeader, sig: b.sig, receivedAt: b.received_at };
  }
}
