import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/errors';
import { OFFICE_ADMIN } from './auth';
import { buildFeedback } from './feedback';
import { feedbackHtml, feedbackWorkbook } from './feedback-render';
import type { CampaignRouteDeps } from './routes-campaign';
import { readTallyInputs, tallyOf } from './tally-snapshot';

const FeedbackQuery = z.strictObject({
  format: z.enum(['json', 'html', 'xlsx']).default('json'),
  unit: z.string().min(1).max(200).optional(),
  opinions: z.enum(['verified', 'all', 'none']).default('verified'),
});

/**
 * GET /api/v1/admin/campaigns/<id>/feedback?unit=&format=json|html|xlsx&opinions=verified|all|none:
 * the feedback pack (反馈) of one unit, or of every unit when `unit` is absent, from the tally
 * signed now. `opinions` chooses what goes in: the verified ones (tagged, neither 不属实 nor 重复),
 * all of them, or none.
 */
export function feedbackRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  app.get('/api/v1/admin/campaigns/:id/feedback', { preHandler: d.auth.guard(OFFICE_ADMIN) }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const q = FeedbackQuery.safeParse(req.query);
    if (!q.success) throw new ApiError('malformed', 'format is json, html or xlsx; opinions is verified, all or none; unit is given at most once.');
    const inputs = await readTallyInputs(d.db, id, d.tallyCache);
    if (!inputs) throw new ApiError('not-found', `There is no campaign "${id}".`);
    const tally = tallyOf(inputs, new Date(d.now()).toISOString());
    if (q.data.unit !== undefined && !tally.units.some((u) => u.unitId === q.data.unit))
      throw new ApiError('not-found', `Campaign "${id}" has no unit "${q.data.unit}".`);
    const pack = await buildFeedback(d.db, inputs.campaign, tally, d.signer.keyId, {
      unitIds: q.data.unit === undefined ? undefined : [q.data.unit],
      opinions: q.data.opinions,
    });
    reply.header('cache-control', 'no-store');
    if (q.data.format === 'json') return pack;
    if (q.data.format === 'html') {
      const page = feedbackHtml(pack);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', page.csp)
        .header('x-content-type-options', 'nosniff')
        .send(page.html);
    }
    const day = pack.header.computedAt.slice(0, 10);
    const who = q.data.unit ?? 'all';
    const zh = `${inputs.campaign.name}-反馈-${pack.units.length === 1 ? pack.units[0]!.name : '全部单位'}-${day}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="pingyi-${inputs.campaign.id}-feedback-${who}-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(zh)}`,
      )
      .send(await feedbackWorkbook(pack));
  });
}
