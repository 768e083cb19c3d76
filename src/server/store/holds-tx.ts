import type { InsertRows } from './bulk';
import { chunks, ROWS_PER_INSERT } from './rows';
import type { Tx } from './schema';
import { placeholders, type Prepared } from './sqlite-prepared';
import type { IngestTx } from './types';

/**
 * The stored sealing times a batch reads between its first and last instant, per instant, before
 * it reads the nearest of each instant one by one instead (sealTimesNear): a range read is far
 * cheaper per row than a query, and the bound keeps a batch's reads linear in its size.
 */
const SEALS_READ_PER_INSTANT = 64;

/**
 * The ingest transaction's reads and writes for the holds (ingest/holds.ts): a device's f2f per
 * Asia/Shanghai day (device_days) and its sealing times (f2f_seal_times). With `fast` (SQLite), the
 * statements go straight to the transaction's connection, prepared once; the query builder's
 * otherwise (PostgreSQL).
 */
export function holdsTx(tx: Tx, insertRows: InsertRows, fast: Prepared | undefined): Pick<IngestTx, 'dayCounts' | 'sealTimesNear' | 'saveSeals'> {
  return {
    async dayCounts(deviceId, days) {
      if (days.length === 0) return new Map();
      if (fast) {
        const select = fast(`select day, count from device_days where device_id = ? and day in (${placeholders(days.length)})`);
        const rows = select.all(deviceId, ...days) as { day: string; count: number }[];
        return new Map(rows.map((r) => [r.day, Number(r.count)]));
      }
      const rows = await tx.selectFrom('device_days').select(['day', 'count']).where('device_id', '=', deviceId).where('day', 'in', days).execute();
      return new Map(rows.map((r) => [r.day, Number(r.count)]));
    },

    async sealTimesNear(deviceId, instants, n, w) {
      if (instants.length === 0 || n <= 0) return [];
      const sorted = [...new Set(instants)].sort((a, b) => a - b);
      const lo = sorted[0]!;
      const hi = sorted[sorted.length - 1]!;
      /** The device's stored sealing times with `lower` and `upper` bounds, nearest to `from` first. */
      const seals = async (lower: ['>' | '>=', number], upper: ['<' | '<=', number], from: 'low' | 'high', limit: number) => {
        const order = from === 'low' ? 'asc' : 'desc';
        if (fast) {
          const text = `select sealed_ms, seq from f2f_seal_times where device_id = ? and sealed_ms ${lower[0]} ? and sealed_ms ${upper[0]} ? order by sealed_ms ${order} limit ?`;
          return fast(text).all(deviceId, lower[1], upper[1], limit) as { sealed_ms: number; seq: number }[];
        }
        return tx
          .selectFrom('f2f_seal_times')
          .select(['sealed_ms', 'seq'])
          .where('device_id', '=', deviceId)
          .where('sealed_ms', lower[0], lower[1])
          .where('sealed_ms', upper[0], upper[1])
          .orderBy('sealed_ms', order)
          .limit(limit)
          .execute();
      };
      // Usually a batch is sealed after what is stored: nothing between its first and last instant,
      // and the n before it. Every stored time between them, and the n nearest outside, hold the n
      // nearest of each instant.
      const cap = SEALS_READ_PER_INSTANT * sorted.length;
      const between = await seals(['>=', lo], ['<=', hi], 'low', cap + 1);
      if (between.length <= cap) {
        const before = await seals(['>=', lo - w], ['<', lo], 'high', n);
        const after = await seals(['>', hi], ['<=', hi + w], 'low', n);
        return [...before, ...between, ...after].map((r) => Number(r.sealed_ms));
      }
      // A batch whose instants interleave with many stored ones (a clock set back, or times spread
      // over weeks): the n nearest on either side of each instant, each stored f2f once (by seq).
      const found = new Map<number, number>();
      for (const t of sorted) {
        const near = [...(await seals(['>=', t - w], ['<=', t], 'high', n)), ...(await seals(['>', t], ['<=', t + w], 'low', n))];
        for (const r of near) found.set(r.seq, Number(r.sealed_ms));
      }
      return [...found.values()];
    },

    async saveSeals(deviceId, counts, seals) {
      const days = [...counts].map(([day, count]) => ({ device_id: deviceId, day, count }));
      if (fast) {
        const upsert = fast(
          'insert into device_days (device_id, day, count) values (?, ?, ?) on conflict (device_id, day) do update set count = excluded.count',
        );
        for (const d of days) upsert.run(d.device_id, d.day, d.count);
      }
      for (const part of fast ? [] : chunks(days, ROWS_PER_INSERT)) {
        await tx
          .insertInto('device_days')
          .values(part)
          .onConflict((oc) => oc.columns(['device_id', 'day']).doUpdateSet((eb) => ({ count: eb.ref('excluded.count') })))
          .execute();
      }
      await insertRows(
        tx,
        'f2f_seal_times',
        ['device_id', 'sealed_ms', 'seq'],
        seals.map((x) => [deviceId, x.ms, x.seq]),
      );
    },
  };
}
