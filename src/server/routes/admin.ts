import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { isoTime } from '../../domain/ids';
import { RECORD_TYPES } from '../../domain/records';
import { pointer } from '../../domain/validate';
import type { ServerContext } from '../context';
import { ApiError } from '../http/errors';
import type { DeviceInfo } from '../store/types';
import { conflictCounts, conflictRoutes } from './conflicts';
import type { DeviceRow } from '../../protocol/office-api';

/** The device as the office sees it (PROTOCOL "Office side"), plus its campaign, key and enrollment time. */
export const deviceView = (d: DeviceInfo): DeviceRow => ({
  deviceId: d.deviceId,
  label: d.label,
  role: d.role,
  collector: d.collector,
  alg: d.alg,
  headSeq: d.headSeq,
  lastBatchAt: d.lastBatchAt,
  revokedAt: d.revokedAt,
  campaignId: d.campaignId,
  keyId: d.keyId,
  enrolledAt: d.enrolledAt,
});

const RecordsQuerySchema = z.strictObject({
  campaignId: z.string().min(1).optional(),
  type: z.enum(RECORD_TYPES).optional(),
  unitId: z.string().min(1).optional(),
  after: z.coerce.number().int().min(-1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * Office routes of the core: devices, campaigns (read; versions are saved by office/routes-campaign-versions.ts),
 * the records as received. All need the admin token.
 */
export const adminRoutes: FastifyPluginAsync<ServerContext> = async (app, ctx) => {
  const { store, now } = ctx;
  app.addHook('preHandler', ctx.requireAdmin);
  const opts = { config: { rateLimit: ctx.adminRateLimit } };

  app.get<{ Querystring: { campaignId?: string } }>('/api/v1/admin/devices', opts, async (request) => {
    const { campaignId } = request.query;
    if (campaignId !== undefined && typeof campaignId !== 'string') throw new ApiError('malformed', 'campaignId must be given once.');
    const conflicts = await conflictCounts(store.db);
    return { devices: (await store.listDevices(campaignId || undefined)).map((d) => ({ ...deviceView(d), conflicts: conflicts.get(d.deviceId) ?? 0 })) };
  });

  conflictRoutes(app, store.db, opts);

  app.post<{ Params: { id: string } }>('/api/v1/admin/devices/:id/revoke', opts, async (request) => {
    const device = await store.revokeDevice(request.params.id, isoTime(now()), ctx.actorOf(request));
    if (!device) throw new ApiError('not-found', `There is no device "${request.params.id}".`);
    return deviceView(device);
  });

  app.get<{ Params: { sha256: string } }>('/api/v1/admin/blobs/:sha256', opts, async (request, reply) => {
    const { sha256 } = request.params;
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ApiError('malformed', 'A blob address is 64 lowercase hex characters.');
    const blob = await store.getBlob(sha256);
    if (!blob) throw new ApiError('not-found', `The server holds no blob ${sha256}.`);
    // Sealed photos are ciphertext: the console decrypts them with the campaign key it holds. The
    // bytes are whatever a tablet sent: never shown by the browser as a page (no type it could
    // sniff, a download, and a sandbox without any source should it be opened anyway).
    return reply
      .type('application/octet-stream')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${sha256}.bin"`)
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(blob.data));
  });

  app.get('/api/v1/admin/campaigns', opts, async () => ({ campaigns: await store.listCampaigns() }));

  app.get<{ Params: { id: string } }>('/api/v1/admin/campaigns/:id', opts, async (request) => {
    const campaign = await store.getCampaign(request.params.id);
    if (!campaign) throw new ApiError('not-found', `There is no campaign "${request.params.id}".`);
    return campaign;
  });

  app.get('/api/v1/admin/records', opts, async (request, reply) => {
    const parsed = RecordsQuerySchema.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError('malformed', `The query parameter ${pointer(issue.path).slice(1) || ''} is not valid: ${issue.message}`);
    }
    const q = parsed.data;
    const rows = await store.listRecords({ ...q, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const next = rows.length > q.limit ? page[page.length - 1]!.logIdx : null;
    // The stored canonical text goes out verbatim: the record exactly as received and hashed.
    // logIndex: its leaf in the audit log (with the office actions' leaves, the whole log).
    const items = page.map((r) => `{"hash":${JSON.stringify(r.hash)},"logIndex":${r.logIdx},"receivedAt":${JSON.stringify(r.receivedAt)},"record":${r.canon}}`);
    return reply.type('application/json; charset=utf-8').send(`{"records":[${items.join(',')}],"next":${JSON.stringify(next)}}`);
  });
};
