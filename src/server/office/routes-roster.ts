import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { DrawRequestSchema } from '../../domain/draw';
import { rosterProblems, RosterSchema } from '../../domain/roster';
import { pointer } from '../../domain/validate';
import type { ErrorCode } from '../../protocol/errors';
import type { ProgressAnswer, Quotas, RosterBody, RosterSavedAnswer } from '../../protocol/representatives-api';
import { ApiError } from '../http/errors';
import { actorName, ANY_PERSON, OFFICE_ADMIN } from './auth';
import { listDraws, makeDraw } from './draws';
import { progressOf, putQuotas, QuotasBodySchema, readQuotas } from './progress';
import { putRoster, readRoster, type RepresentativeTables } from './roster';
import type { CampaignRouteDeps } from './routes-campaign';

/** A roster of 5,000 people with sealed contacts is about 2 MiB of JSON. */
const ROSTER_BODY_BYTES = 4 * 1024 * 1024;

function refused(code: ErrorCode, what: string, err: z.ZodError): ApiError {
  const issue = err.issues[0]!;
  const path = pointer(issue.path);
  return new ApiError(code, `${what} is not valid at ${path || '/'}: ${issue.message}`, { path });
}

/**
 * The representatives (PROTOCOL.md "Representatives"): roster, draws and quotas are the office
 * admin's and each change is an office action; progress is for coordinators too.
 */
export function rosterRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };
  const db = d.store.db.withTables<RepresentativeTables>();
  const campaignOrThrow = async (id: string) => {
    const c = await d.store.getCampaign(id);
    if (!c) throw new ApiError('not-found', `There is no campaign "${id}".`);
    return c;
  };
  const who = (req: Parameters<typeof d.auth.principalOf>[0]) => actorName(d.auth.principalOf(req));
  const at = () => new Date(d.now()).toISOString();

  app.get('/api/v1/admin/campaigns/:id/roster', admin, async (req): Promise<RosterBody> => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    return { people: await readRoster(db, id) };
  });

  app.put('/api/v1/admin/campaigns/:id/roster', { ...admin, bodyLimit: ROSTER_BODY_BYTES }, async (req): Promise<RosterSavedAnswer> => {
    const { id } = req.params as { id: string };
    const campaign = await campaignOrThrow(id);
    const parsed = RosterSchema.safeParse(req.body);
    if (!parsed.success) throw refused('invalid-roster', 'The roster', parsed.error);
    const problem = rosterProblems(parsed.data, campaign)[0];
    if (problem) throw new ApiError('invalid-roster', `The roster is not valid at ${problem.path}: ${problem.message}.`, { path: problem.path });
    return d.store.officeTx((tx) => putRoster(tx, campaign, parsed.data.people, who(req), at(), d.store.dialect));
  });

  app.get('/api/v1/admin/campaigns/:id/draws', admin, async (req) => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    return { draws: await listDraws(db, id) };
  });

  app.post('/api/v1/admin/campaigns/:id/draws', admin, async (req, reply) => {
    const { id } = req.params as { id: string };
    const campaign = await campaignOrThrow(id);
    const parsed = DrawRequestSchema.safeParse(req.body);
    if (!parsed.success) throw refused('invalid-draw', 'The draw', parsed.error);
    const draw = await d.store.officeTx((tx) => makeDraw(tx, campaign, parsed.data, who(req), d.now(), d.store.dialect));
    return reply
      .code(201)
      .send({ drawId: draw.drawId, seed: draw.seed, picked: draw.picked, logIndex: draw.logIndex, at: draw.at, rosterHash: draw.rosterHash });
  });

  app.get('/api/v1/admin/campaigns/:id/quotas', { preHandler: d.auth.guard(ANY_PERSON) }, async (req): Promise<{ quotas: Quotas }> => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    return { quotas: await readQuotas(db, id) };
  });

  app.put('/api/v1/admin/campaigns/:id/quotas', admin, async (req) => {
    const { id } = req.params as { id: string };
    const campaign = await campaignOrThrow(id);
    const parsed = QuotasBodySchema.safeParse(req.body);
    if (!parsed.success) throw refused('invalid-quotas', 'The quotas', parsed.error);
    const changed = await d.store.officeTx((tx) => putQuotas(tx, campaign, parsed.data.quotas, who(req), at(), d.store.dialect));
    return { changed };
  });

  app.get('/api/v1/admin/campaigns/:id/progress', { preHandler: d.auth.guard(ANY_PERSON) }, async (req): Promise<ProgressAnswer> => {
    const { id } = req.params as { id: string };
    return progressOf(db, await campaignOrThrow(id));
  });
}
