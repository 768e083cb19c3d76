import { sql, type Selectable } from 'kysely';
import type { Campaign } from '../../domain/campaign';
import { canonString } from '../../protocol/canon';
import { leafHashOfCanon } from '../hashing';
import { uuidv7 } from '../../domain/ids';
import type { InsertRows } from './bulk';
import { appendToLog } from './log-append';
import type { StoreDialect } from './migrations/kit';
import { answerColumns, chunks, deviceFromRow, hashKey, ROWS_PER_INSERT } from './rows';
import type { DevicesTable, Tx } from './schema';
import { placeholders, type Prepared } from './sqlite-prepared';
import { holdsTx } from './holds-tx';
import type { Append, ConflictEvidence, F2fAnswers, IngestTx, LogHead, StoredTarget } from './types';

const RECORD_COLUMNS = [
  'log_idx',
  'hash',
  'hash_key',
  'id',
  'device_id',
  'seq',
  'campaign_id',
  'type',
  'target_id',
  'collector',
  'sealed_at',
  'received_at',
  'canon',
] as const;
const F2F_COLUMNS = [
  'original_id',
  'campaign_id',
  'unit_id',
  'rater_group',
  'channel',
  'overall',
  'ratings',
  'device_id',
  'collector',
  'latest_seq',
  'sealed_at',
  'duration_ms',
  'lat_e6',
  'lon_e6',
  'state',
  'reasons',
  'created_at',
  'received_at',
] as const;
const f2fValues = (a: F2fAnswers, receivedAt: string) => [
  a.originalId,
  a.campaignId,
  a.unitId,
  a.raterGroup,
  a.channel,
  a.overall,
  JSON.stringify(a.ratings),
  a.deviceId,
  a.collector,
  a.latestSeq,
  a.sealedAt,
  a.durationMs,
  a.latE6,
  a.lonE6,
  a.state,
  JSON.stringify(a.reasons),
  a.createdAt,
  receivedAt,
];

/**
 * The ingest transaction's reads and writes over one Kysely transaction. With `prepared` (SQLite),
 * the statements every batch runs go straight to the connection the transaction holds, prepared
 * once (sqlite-prepared.ts); the same SQL as the query builder's below, which PostgreSQL runs.
 */
export function ingestTx(
  tx: Tx,
  dialect: StoreDialect,
  insertRows: InsertRows,
  parseCampaign: (definition: string) => Campaign,
  prepared?: Prepared,
): IngestTx {
  const pg = dialect === 'postgres';
  const fast = pg ? undefined : prepared;

  return {
    async lockDevice(deviceId) {
      if (fast) {
        const row = fast('select * from devices where device_id = ?').get(deviceId) as Selectable<DevicesTable> | undefined;
        return row && deviceFromRow(row);
      }
      // PostgreSQL: the row lock serialises batches of one device. SQLite: the write transaction
      // (BEGIN IMMEDIATE) already serialises everything.
      const row = await tx
        .selectFrom('devices')
        .selectAll()
        .where('device_id', '=', deviceId)
        .$if(pg, (q) => q.forUpdate())
        .executeTakeFirst();
      return row && deviceFromRow(row);
    },

    async storedHashes(deviceId, fromSeq, toSeq) {
      if (fast) {
        const rows = fast('select seq, hash from records where device_id = ? and seq >= ? and seq <= ?').all(deviceId, fromSeq, toSeq) as {
          seq: number;
          hash: string;
        }[];
        return new Map(rows.map((r) => [r.seq, r.hash]));
      }
      const rows = await tx
        .selectFrom('records')
        .select(['seq', 'hash'])
        .where('device_id', '=', deviceId)
        .where('seq', '>=', fromSeq)
        .where('seq', '<=', toSeq)
        .execute();
      return new Map(rows.map((r) => [r.seq, r.hash]));
    },

    async campaign(id) {
      // PostgreSQL: shared until the commit, so a new campaign version (which updates this row, then
      // logs its action) is logged either before this batch's records, and read by it, or after them:
      // the log order tells which version's limits held each questionnaire (the verifier replays so).
      // SQLite runs one writer at a time.
      if (fast) {
        const row = fast('select definition from campaigns where id = ?').get(id) as { definition: string } | undefined;
        return row && parseCampaign(row.definition);
      }
      const row = await tx
        .selectFrom('campaigns')
        .select('definition')
        .where('id', '=', id)
        .$if(pg, (q) => q.forShare())
        .executeTakeFirst();
      return row && parseCampaign(row.definition);
    },

    async existingIds(ids) {
      const found = new Set<string>();
      for (const part of chunks(ids, ROWS_PER_INSERT)) {
        const rows = fast
          ? (fast(`select id from records where id in (${placeholders(part.length)})`).all(part) as { id: string }[])
          : await tx.selectFrom('records').select('id').where('id', 'in', part).execute();
        for (const r of rows) found.add(r.id);
      }
      return found;
    },

    async targets(ids) {
      const out = new Map<string, StoredTarget>();
      if (ids.length === 0) return out;
      for (const part of chunks(ids, ROWS_PER_INSERT)) {
        const rows = await tx
          .selectFrom('records as r')
          .select(['r.id', 'r.hash', 'r.type', 'r.device_id', 'r.seq', 'r.log_idx'])
          .select((eb) =>
            eb.exists(eb.selectFrom('records as v').select('v.log_idx').whereRef('v.target_id', '=', 'r.id').where('v.type', '=', 'void')).as('voided'),
          )
          .where('r.id', 'in', part)
          .execute();
        const units = await tx
          .selectFrom('record_units')
          .select(['unit_id', 'log_idx'])
          .where('log_idx', 'in', rows.map((r) => r.log_idx).concat(-1))
          .execute();
        for (const r of rows) {
          out.set(r.id, {
            type: r.type as StoredTarget['type'],
            hash: r.hash,
            deviceId: r.device_id,
            seq: r.seq,
            voided: Boolean(r.voided),
            units: units.filter((u) => u.log_idx === r.log_idx).map((u) => u.unit_id),
          });
        }
      }
      return out;
    },

    async rectItems(campaignId, ids) {
      const out = new Map<string, { unitId: string }>();
      for (const part of chunks(ids, ROWS_PER_INSERT)) {
        const rows = await tx.selectFrom('rect_items').select(['id', 'unit_id']).where('campaign_id', '=', campaignId).where('id', 'in', part).execute();
        for (const r of rows) out.set(r.id, { unitId: r.unit_id });
      }
      return out;
    },
    async existingBlobs(hashes) {
      const found = new Set<string>();
      for (const part of chunks(hashes, ROWS_PER_INSERT)) {
        // PostgreSQL: the rows stay locked until the append names them, so the sweep of unnamed
        // blobs (blob-sweep.ts) cannot remove one in between (SQLite runs one writer at a time).
        const rows = await tx
          .selectFrom('blobs')
          .select('sha256')
          .where('sha256', 'in', part)
          .$if(dialect === 'postgres', (q) => q.forUpdate())
          .execute();
        for (const r of rows) found.add(r.sha256);
      }
      return found;
    },

    async blobHeads(hashes, bytes) {
      const found = new Map<string, Uint8Array>();
      for (const part of chunks(hashes, ROWS_PER_INSERT)) {
        // substr over a blob (SQLite) and a bytea (PostgreSQL) alike counts bytes from 1. PostgreSQL:
        // the rows stay locked until the append names them, as in existingBlobs (the blob sweep).
        const rows = await tx
          .selectFrom('blobs')
          .select(['sha256', sql<Uint8Array>`substr(data, 1, ${sql.lit(bytes)})`.as('head')])
          .where('sha256', 'in', part)
          .$if(dialect === 'postgres', (q) => q.forUpdate())
          .execute();
        for (const r of rows) found.set(r.sha256, new Uint8Array(r.head));
      }
      return found;
    },

    async recordConflict(e: ConflictEvidence) {
      await tx
        .insertInto('chain_conflicts')
        .values({
          id: uuidv7(),
          device_id: e.deviceId,
          seq: e.seq,
          stored_hash: e.storedHash,
          offered_hash: e.offeredHash,
          offered_canon: e.offeredCanon,
          header: canonString(e.header),
          sig: e.sig,
          records: JSON.stringify(e.records),
          received_at: e.receivedAt,
        })
        .onConflict((oc) => oc.columns(['device_id', 'seq', 'offered_hash']).doNothing())
        .execute();
    },

    ...holdsTx(tx, insertRows, fast),

    async append(a: Append): Promise<LogHead> {
      const leaves = a.records.map((r) => r.leafHash ?? leafHashOfCanon(r.canon));
      // The leaves, their subtrees and the new root, under the log lock (store/log-append.ts).
      const { base, size, root } = await appendToLog(tx, dialect, insertRows, leaves, fast);

      const recordRows = a.records.map((r, i) => [
        base + i,
        r.hash,
        hashKey(r.hash),
        r.record.id,
        a.deviceId,
        r.record.seq,
        r.record.campaignId,
        r.record.type,
        typeof r.record.body.targetId === 'string' ? r.record.body.targetId : null,
        r.record.collector,
        r.record.sealedAt,
        a.receivedAt,
        r.canon,
      ]);
      await insertRows(tx, 'records', RECORD_COLUMNS, recordRows);
      // In key order (unit, then log index): each unit's rows go in one after the other at the end
      // of its range, instead of one page of another unit after the other.
      const unitRows = a.records
        .flatMap((r, i) => r.units.map((unit) => [unit, base + i] as [string, number]))
        .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
      await insertRows(tx, 'record_units', ['unit_id', 'log_idx'], unitRows, 1000);
      // The blobs these records name are theirs from now on: no longer swept, no longer in a quota.
      const named = [...new Set(a.records.flatMap((r) => (r.record.attachments ?? []).map((x) => x.sha256)))];
      for (const part of chunks(named, ROWS_PER_INSERT)) {
        await tx.updateTable('blobs').set({ named_at: a.receivedAt }).where('sha256', 'in', part).where('named_at', 'is', null).execute();
      }

      const last = a.records[a.records.length - 1]!;
      const batchRow = {
        id: uuidv7(),
        device_id: a.deviceId,
        from_seq: a.header.fromSeq,
        to_seq: a.header.toSeq,
        appended: a.records.length,
        header: canonString(a.header),
        sig: a.sig,
        received_at: a.receivedAt,
      };
      const head = { head_seq: last.record.seq, head_hash: last.hash, last_batch_at: a.receivedAt };
      if (fast) {
        const b = batchRow;
        fast('insert into batches (id, device_id, from_seq, to_seq, appended, header, sig, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)').run(
          b.id,
          b.device_id,
          b.from_seq,
          b.to_seq,
          b.appended,
          b.header,
          b.sig,
          b.received_at,
        );
        fast('update devices set head_seq = ?, head_hash = ?, last_batch_at = ? where device_id = ?').run(
          head.head_seq,
          head.head_hash,
          head.last_batch_at,
          a.deviceId,
        );
      } else {
        await tx.insertInto('batches').values(batchRow).execute();
        await tx.updateTable('devices').set(head).where('device_id', '=', a.deviceId).execute();
      }

      const p = a.projection;
      // By campaign and id: SQLite's f2f_effective is keyed by both (migration 003). Every record
      // of a batch names its device's campaign (checked before the append).
      const campaignId = last.record.campaignId;
      for (const part of chunks(p.deletes, ROWS_PER_INSERT)) {
        await tx.deleteFrom('f2f_effective').where('campaign_id', '=', campaignId).where('original_id', 'in', part).execute();
      }
      for (const u of p.updates) {
        await tx.updateTable('f2f_effective').set(answerColumns(u)).where('campaign_id', '=', campaignId).where('original_id', '=', u.originalId).execute();
      }
      await insertRows(
        tx,
        'f2f_effective',
        F2F_COLUMNS,
        p.inserts.map((x) => f2fValues(x, a.receivedAt)),
      );
      return { size, root };
    },

    async logHead() {
      if (fast) {
        const row = fast('select size, root from log_state where id = 1').get() as { size: number; root: string };
        return { size: row.size, root: row.root };
      }
      const row = await tx.selectFrom('log_state').select(['size', 'root']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { size: row.size, root: row.root };
    },
  };
}
