import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors';
import { actorName, OFFICE_ADMIN } from './auth';
import { listOpinions, parseTags, setTags, tagsAction } from './opinions';
import type { CampaignRouteDeps } from './routes-campaign';
import type { OfficeTables } from './tables';

/** GET …/opinions (归纳梳理) and POST …/opinions/tags (甄别, an office action). */
export function opinionRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };
  const campaignOrThrow = async (id: string) => {
    if (!(await d.store.getCampaign(id))) throw new ApiError('not-found', `There is no campaign "${id}".`);
  };

  app.get('/api/v1/admin/campaigns/:id/opinions', admin, async (req) => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    return listOpinions(d.db, id);
  });

  app.post('/api/v1/admin/campaigns/:id/opinions/tags', admin, async (req) => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    const input = parseTags(req.body);
    const actor = actorName(d.auth.principalOf(req));
    const at = new Date(d.now()).toISOString();
    // The tags and the office action recording them commit together or not at all.
    await d.store.officeTx(async (tx) => {
      await setTags(tx.db.withTables<OfficeTables>(), id, input, actor, at);
      await tx.appendAction(tagsAction(id, actor, at, input));
    });
    return { tagged: input.refs.length };
  });
}
