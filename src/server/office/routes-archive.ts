import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors';
import { writeArchive } from './archive';
import { OFFICE_ADMIN } from './auth';
import { cutExport } from './export-jsonl';
import type { CampaignRouteDeps } from './routes-campaign';

/**
 * GET /api/v1/admin/campaigns/<id>/archive: the evidence archive (归档) as one streamed ZIP, cut at
 * the log size of the moment it starts. Blobs and record pages are read only as fast as the client
 * takes them.
 */
export function archiveRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  app.get('/api/v1/admin/campaigns/:id/archive', { preHandler: d.auth.guard(OFFICE_ADMIN) }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (Object.keys(req.query as object).length > 0) throw new ApiError('malformed', 'The archive takes no parameters.');
    const now = new Date(d.now()).toISOString();
    const cut = await cutExport(d.db, d.signer, id, now, d.tallyCache);
    if (!cut) throw new ApiError('not-found', `There is no campaign "${id}".`);
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    writeArchive(d.db, d.signer, cut, out).catch((e: unknown) => {
      if (!out.destroyed) req.log.error({ err: e }, 'archive failed');
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    });
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="pingyi-${cut.inputs.campaign.id}-archive-${now.slice(0, 10)}.zip"`)
      .header('cache-control', 'no-store')
      .send(out);
  });
}
