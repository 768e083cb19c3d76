import { createHash } from 'node:crypto';
import { canonString, fromHex, toHex } from '../../protocol/canon';
import { appendLeaf, frontierRoot, leafHash, type Frontier, type Sha256 } from '../../protocol/merkle';
import { uuidv7 } from '../../domain/ids';
import type { StoreDialect } from './migrations/kit';
import { answerColumns, campaignFromRow, chunks, deviceFromRow, f2fRow } from './rows';
import type { Tx } from './schema';
import type { Append, ConflictEvidence, IngestTx, LogHead, StoredTarget } from './types';

/** Node's native SHA-256 for the log (server only; the shared code defaults to a portable one). */
export const nodeSha256: Sha256 = (d) => createHash('sha256').update(d).digest();

/** Rows per multi-row INSERT: 13 columns × 500 stays far below SQLite's 32,766 bound values. */
const ROWS_PER_INSERT = 500;

/** The ingest transaction's reads and writes over one Kysely transaction. */
export function ingestTx(tx: Tx, dialect: StoreDialect): IngestTx {
  const pg = dialect === 'postgres';

  async function readLog(lock: boolean): Promise<{ frontier: Frontier; root: string }> {
    const row = await tx
      .selectFrom('log_state')
      .select(['size', 'frontier', 'root'])
      .where('id', '=', 1)
      .$if(pg && lock, (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const nodes = (JSON.parse(row.frontier) as string[]).map(fromHex);
    return { frontier: { size: row.size, nodes }, root: row.root };
  }

  return {
    async lockDevice(deviceId) {
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
      const row = await tx.selectFrom('campaigns').select('definition').where('id', '=', id).executeTakeFirst();
      return row && campaignFromRow(row.definition);
    },

    async existingIds(ids) {
      const found = new Set<string>();
      for (const part of chunks(ids, ROWS_PER_INSERT)) {
        const rows = await tx.selectFrom('records').select('id').where('id', 'in', part).execute();
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
            eb
              .exists(eb.selectFrom('records as v').select('v.log_idx').whereRef('v.target_id', '=', 'r.id').where('v.type', '=', 'void'))
              .as('voided'),
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

    async existingBlobs(hashes) {
      const found = new Set<string>();
      for (const part of chunks(hashes, ROWS_PER_INSERT)) {
        const rows = await tx.selectFrom('blobs').select('sha256').where('sha256', 'in', part).execute();
        for (const r of rows) found.add(r.sha256);
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

    async append(a: Append): Promise<LogHead> {
      const log = await readLog(true);
      let frontier = log.frontier;
      const base = frontier.size;
      const leaves = a.records.map((r) => {
        const leaf = leafHash(Buffer.from(r.canon, 'utf8'), nodeSha256);
        frontier = appendLeaf(frontier, leaf, nodeSha256);
        return leaf;
      });
      const root = toHex(frontierRoot(frontier, nodeSha256));

      const recordRows = a.records.map((r, i) => ({
        log_idx: base + i,
        hash: r.hash,
        id: r.record.id,
        device_id: a.deviceId,
        seq: r.record.seq,
        campaign_id: r.record.campaignId,
        type: r.record.type,
        target_id: typeof r.record.body.targetId === 'string' ? r.record.body.targetId : null,
        collector: r.record.collector,
        sealed_at: r.record.sealedAt,
        received_at: a.receivedAt,
        canon: r.canon,
      }));
      for (const part of chunks(recordRows, ROWS_PER_INSERT)) await tx.insertInto('records').values(part).execute();
      const unitRows = a.records.flatMap((r, i) => r.units.map((unit_id) => ({ unit_id, log_idx: base + i })));
      for (const part of chunks(unitRows, ROWS_PER_INSERT * 2)) await tx.insertInto('record_units').values(part).execute();
      const leafRows = leaves.map((leaf, i) => ({ idx: base + i, record_hash: a.records[i]!.hash, leaf_hash: leaf }));
      for (const part of chunks(leafRows, ROWS_PER_INSERT)) await tx.insertInto('log_leaves').values(part).execute();
      await tx
        .updateTable('log_state')
        .set({ size: frontier.size, frontier: JSON.stringify(frontier.nodes.map(toHex)), root })
        .where('id', '=', 1)
        .execute();

      const last = a.records[a.records.length - 1]!;
      await tx
        .insertInto('batches')
        .values({
          id: uuidv7(),
          device_id: a.deviceId,
          from_seq: a.header.fromSeq,
          to_seq: a.header.toSeq,
          appended: a.records.length,
          header: canonString(a.header),
          sig: a.sig,
          received_at: a.receivedAt,
        })
        .execute();
      await tx
        .updateTable('devices')
        .set({ head_seq: last.record.seq, head_hash: last.hash, last_batch_at: a.receivedAt })
        .where('device_id', '=', a.deviceId)
        .execute();

      const p = a.projection;
      for (const part of chunks(p.deletes, ROWS_PER_INSERT)) await tx.deleteFrom('f2f_effective').where('original_id', 'in', part).execute();
      for (const u of p.updates) await tx.updateTable('f2f_effective').set(answerColumns(u)).where('original_id', '=', u.originalId).execute();
      for (const part of chunks(p.inserts.map(f2fRow), ROWS_PER_INSERT)) await tx.insertInto('f2f_effective').values(part).execute();
      return { size: frontier.size, root };
    },

    async logHead() {
      const row = await tx.selectFrom('log_state').select(['size', 'root']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { size: row.size, root: row.root };
    },
  };
}

/** True for a unique/primary-key violation in either dialect (a concurrent writer got there first). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
