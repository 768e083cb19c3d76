import type { FastifyInstance } from 'fastify';
import { pointer } from '../../domain/validate';
import { ApiError } from '../http/errors';
import { ActionsQuerySchema, listOfficeActions } from './actions';
import { OFFICE_ADMIN, type OfficeAuth } from './auth';
import type { Db } from '../store/schema';

/** `GET /api/v1/admin/office-actions?campaignId=&after=&limit=`: the office's decisions in log order. */
export function actionRoutes(app: FastifyInstance, d: { db: Db; auth: OfficeAuth; rateLimit: { max: number; timeWindow: number } }): void {
  app.get('/api/v1/admin/office-actions', { preHandler: d.auth.guard(OFFICE_ADMIN), config: { rateLimit: d.rateLimit } }, async (req, reply) => {
    const parsed = ActionsQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError('malformed', `The query parameter ${pointer(issue.path).slice(1) || ''} is not valid: ${issue.message}`);
    }
    return reply.header('cache-control', 'no-store').send(await listOfficeActions(d.db, parsed.data));
  });
}
