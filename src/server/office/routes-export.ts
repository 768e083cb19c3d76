import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors';
import type { ServerSigner } from '../secrets';
import type { Store } from '../store/types';
import { OFFICE_ADMIN, type OfficeAuth } from './auth';
import { writeCsv, writeXlsx } from './export-files';
import { cutExport, jsonlExport } from './export-jsonl';
import type { OfficeDb, OfficeTables } from './tables';
import type { AggregateCache } from './tally-snapshot';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

/**
 * GET /api/v1/admin/export?campaignId=&format=csv|xlsx|jsonl, streamed: pages of records are read
 * only as fast as the client takes them. Every format is cut at the log size of the moment the
 * export starts, so records that arrive meanwhile are left out of all of it.
 */
export function exportRoutes(
  app: FastifyInstance,
  d: { store: Store; db: OfficeDb; signer: ServerSigner; auth: OfficeAuth; now: () => number; tallyCache: AggregateCache },
): void {
  app.get('/api/v1/admin/export', { preHandler: d.auth.guard(OFFICE_ADMIN) }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    if (typeof (q.campaignId ?? '') !== 'string' || typeof (q.format ?? '') !== 'string')
      throw new ApiError('malformed', 'campaignId and format are each given once.');
    const campaignId = String(q.campaignId ?? '');
    const format = String(q.format ?? 'jsonl');
    // Own keys only: "__proto__" or "constructor" is not a format.
    if (!Object.hasOwn(TYPES, format)) throw new ApiError('malformed', 'format must be csv, xlsx or jsonl.');
    const campaign = campaignId ? await d.store.getCampaign(campaignId) : undefined;
    if (!campaign) throw new ApiError('not-found', `There is no campaign "${campaignId}".`);
    const now = new Date(d.now()).toISOString();
    const filename = `pingyi-${campaign.id}-${now.slice(0, 10)}.${format}`;
    reply
      .header('content-type', TYPES[format as keyof typeof TYPES])
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store');

    if (format === 'jsonl') {
      const cut = await cutExport(d.db, d.signer, campaign.id, now, d.tallyCache);
      if (!cut) throw new ApiError('not-found', `There is no campaign "${campaignId}".`);
      return reply.send(Readable.from(jsonlExport(d.db, d.signer, cut)));
    }
    // csv and xlsx: the log size, the records below it and their statuses are read in one snapshot
    // of the store (Store.readSnapshot), so a correction, void or review decision logged while the
    // file streams is in none of it; the size is stated in X-Pingyi-Log-Size (and xlsx's 说明).
    const out = new PassThrough({ highWaterMark: 256 * 1024 });
    let stated!: (size: number) => void;
    let failed!: (e: unknown) => void;
    const cut = new Promise<number>((resolve, reject) => ((stated = resolve), (failed = reject)));
    d.store
      .readSnapshot(async (db) => {
        const { size } = await db.selectFrom('log_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
        stated(size);
        const office = db.withTables<OfficeTables>();
        await (format === 'csv' ? writeCsv : writeXlsx)(office, campaign, size, out);
      })
      .catch((e: unknown) => {
        failed(e);
        req.log.error({ err: e }, `${format} export failed`);
        out.destroy(e instanceof Error ? e : new Error(String(e)));
      });
    reply.header('x-pingyi-log-size', String(await cut));
    return reply.send(out);
  });
}
