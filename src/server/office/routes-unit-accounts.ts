import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '../../domain/campaign';
import { pointer } from '../../domain/validate';
import { ApiError } from '../http/errors';
import { actorName, OFFICE_ADMIN } from './auth';
import { createPerson, NewPersonSchema, type PeopleRepo } from './people';
import type { CampaignRouteDeps } from './routes-campaign';

/** What the console sends to open a unit's account (the role is implied). */
const NewUnitAccount = z.strictObject({
  username: z.string(),
  password: z.string(),
  unitId: IdSchema,
  displayName: z.string().optional(),
});

/**
 * The accounts of a campaign's units (被评单位), for office admins in the console as well as the
 * admin token: `GET …/unit-accounts` lists them, `POST …/unit-accounts` opens one for a unit of the
 * campaign (an office action `account-created`, with the admin's name). Office-admin and coordinator
 * accounts stay with the admin token (`POST /api/v1/admin/users`) and the admin CLI.
 */
export function unitAccountRoutes(app: FastifyInstance, d: CampaignRouteDeps & { people: PeopleRepo }): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };
  const campaignOrThrow = async (id: string) => {
    const c = await d.store.getCampaign(id);
    if (!c) throw new ApiError('not-found', `There is no campaign "${id}".`);
    return c;
  };

  app.get('/api/v1/admin/campaigns/:id/unit-accounts', admin, async (req) => {
    const { id } = req.params as { id: string };
    const units = new Set((await campaignOrThrow(id)).units.map((u) => u.id));
    const accounts = (await d.people.list()).filter((p) => p.role === 'unit' && p.unitId !== undefined && units.has(p.unitId));
    return { accounts };
  });

  app.post('/api/v1/admin/campaigns/:id/unit-accounts', admin, async (req, reply) => {
    const { id } = req.params as { id: string };
    const campaign = await campaignOrThrow(id);
    const shape = NewUnitAccount.safeParse(req.body);
    const parsed = shape.success ? NewPersonSchema.safeParse({ ...shape.data, role: 'unit' }) : shape;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError('malformed', `The account is not valid: ${issue.message}.`, { path: pointer(issue.path) });
    }
    const person = parsed.data;
    if (!campaign.units.some((u) => u.id === person.unitId))
      throw new ApiError('malformed', `Campaign "${id}" has no unit "${person.unitId}".`, { path: '/unitId' });
    const created = await createPerson(d.store, person, new Date(d.now()).toISOString(), actorName(d.auth.principalOf(req)));
    if (created === 'exists') throw new ApiError('malformed', 'This username is taken; choose another.', { path: '/username' });
    return reply.code(201).send({ person: created });
  });
}
