import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { shanghaiIso } from '../../domain/shanghai-time';
import { pointer } from '../../domain/validate';
import { CloseSchema, ItemChangeSchema, NewItemSchema, RECT_STATUSES, type RectStatus } from '../../domain/rectification';
import { ApiError } from '../http/errors';
import { actorName, ANY_PERSON, OFFICE_ADMIN } from './auth';
import { publishClosedItems } from './rect-publication';
import { rectWorkbook } from './rect-xlsx';
import { changeItem, closeItem, createItem, listItems } from './rectification';
import type { CampaignRouteDeps } from './routes-campaign';

/** Parses an office input; `invalid-item` with the path of the first problem. */
export function parseItemInput<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = pointer(issue.path);
  throw new ApiError('invalid-item', `The ${what} is not valid${path ? ` at ${path}` : ''}: ${issue.message}; nothing was saved.`, { path });
}

/**
 * The office's rectification routes (PROTOCOL.md "Rectification"): create, list (any office person),
 * change and close (office admins). Each change is an office action.
 */
export function rectificationRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };
  const staff = { preHandler: d.auth.guard(ANY_PERSON) };
  const campaignOrThrow = async (id: string) => {
    const c = await d.store.getCampaign(id);
    if (!c) throw new ApiError('not-found', `There is no campaign "${id}".`);
    return c;
  };
  const who = (req: Parameters<typeof d.auth.principalOf>[0]) => {
    const nowMs = d.now();
    return { actor: actorName(d.auth.principalOf(req)), at: new Date(nowMs).toISOString(), nowMs };
  };

  app.post('/api/v1/admin/campaigns/:id/rectifications', admin, async (req, reply) => {
    const { id } = req.params as { id: string };
    const campaign = await campaignOrThrow(id);
    const input = parseItemInput(NewItemSchema, req.body, 'item');
    const itemId = await createItem(d.store, campaign, input, who(req));
    return reply.code(201).send({ id: itemId });
  });

  app.get('/api/v1/admin/campaigns/:id/rectifications', staff, async (req, reply) => {
    const { id } = req.params as { id: string };
    const campaign = await campaignOrThrow(id);
    const q = req.query as Record<string, unknown>;
    if (q.status !== undefined && !(typeof q.status === 'string' && (RECT_STATUSES as readonly string[]).includes(q.status)))
      throw new ApiError('malformed', 'status must be open, answered, verified or closed.');
    if (q.unitId !== undefined && typeof q.unitId !== 'string') throw new ApiError('malformed', 'unitId must be given once.');
    if (q.format !== undefined && q.format !== 'json' && q.format !== 'xlsx') throw new ApiError('malformed', 'format must be json or xlsx.');
    const nowMs = d.now();
    const list = await listItems(d.store.db, id, nowMs, { unitId: q.unitId as string | undefined, status: q.status as RectStatus | undefined });
    if (q.format !== 'xlsx') return list;
    // 整改台账: the items as listed, with answers and follow-ups, as a workbook.
    const at = new Date(nowMs).toISOString();
    const day = (shanghaiIso(at) ?? at).slice(0, 10);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="pingyi-${id}-rectification-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${campaign.name}-整改台账-${day}.xlsx`)}`,
      )
      .header('cache-control', 'no-store')
      .send(await rectWorkbook(campaign, list, at));
  });

  app.patch('/api/v1/admin/campaigns/:id/rectifications/:itemId', admin, async (req) => {
    const { id, itemId } = req.params as { id: string; itemId: string };
    await campaignOrThrow(id);
    const change = parseItemInput(ItemChangeSchema, req.body, 'change');
    await changeItem(d.store, id, itemId, change, who(req));
    return { id: itemId };
  });

  // An evidence file a unit attached to an answer: bytes only, never run as a page.
  app.get('/api/v1/admin/campaigns/:id/rectifications/evidence/:sha256', staff, async (req, reply) => {
    const { id, sha256 } = req.params as { id: string; sha256: string };
    const row = await d.store.db
      .selectFrom('rect_evidence')
      .select(['data', 'mime'])
      .where('sha256', '=', sha256)
      .where('campaign_id', '=', id)
      .executeTakeFirst();
    if (!row) throw new ApiError('not-found', `Campaign "${id}" holds no evidence file ${sha256}.`);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${sha256.slice(0, 12)}.${row.mime.split('/')[1]}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'no-store')
      .send(Buffer.from(row.data));
  });

  // 公示 of the closed items: every closed item as it stands, on the public page and its JSON.
  app.post('/api/v1/admin/campaigns/:id/rectifications/publish', admin, async (req) => {
    const { id } = req.params as { id: string };
    const campaign = await campaignOrThrow(id);
    if (req.body !== undefined && req.body !== null && (typeof req.body !== 'object' || Array.isArray(req.body) || Object.keys(req.body).length > 0))
      throw new ApiError('malformed', 'publishing takes no parameters: send {} or nothing.');
    const { actor, at } = who(req);
    const published = await publishClosedItems(d.store, campaign, { actor, at });
    return { count: published.items.length, publishedAt: published.publishedAt, logIndex: published.logIndex, hash: published.hash };
  });

  app.post('/api/v1/admin/campaigns/:id/rectifications/:itemId/close', admin, async (req) => {
    const { id, itemId } = req.params as { id: string; itemId: string };
    await campaignOrThrow(id);
    const { reason } = parseItemInput(CloseSchema, req.body, 'closing');
    await closeItem(d.store, id, itemId, reason, who(req));
    return { id: itemId };
  });
}
