import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/errors';
import { sessionCookie, sessionToken, type OfficeAuth } from './auth';
import type { Store } from '../store/types';
import { ADMIN_TOKEN_ACTOR } from './actions';
import { createPerson, disablePerson, NewPersonSchema, unitOnServer, type PeopleRepo } from './people';

const SignInSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ApiError('malformed', `${issue.path.join('.') || 'body'}: ${issue.message}`, { path: '/' + issue.path.join('/') });
}

/**
 * People of the console: sign in (POST /api/v1/session), who am I (GET), sign out (DELETE), and the
 * admin-token-only management of accounts (/api/v1/admin/users: list, create, disable; creating and
 * disabling are office actions).
 */
export function peopleRoutes(
  app: FastifyInstance,
  deps: {
    store: Store;
    people: PeopleRepo;
    auth: OfficeAuth;
    requireAdmin: (req: FastifyRequest) => Promise<void>;
    now: () => number;
    rateLimit: { max: number; timeWindow: number };
  },
): void {
  const { people, auth, now } = deps;

  app.post('/api/v1/session', { config: { rateLimit: deps.rateLimit } }, async (req, reply) => {
    const { username, password } = parse(SignInSchema, req.body);
    const person = await people.checkPassword(username, password);
    if (!person) throw new ApiError('unauthorized', 'The username or password is wrong.');
    const { token, expiresAt } = await people.startSession(person.username, now());
    return reply.header('set-cookie', sessionCookie(token, expiresAt)).header('cache-control', 'no-store').send({ person, expiresAt });
  });

  app.get('/api/v1/session', async (req, reply) => {
    const p = await auth.principal(req);
    if (!p || p.kind !== 'person') throw new ApiError('unauthorized', 'Not signed in.');
    return reply.header('cache-control', 'no-store').send({ person: p.person });
  });

  app.delete('/api/v1/session', async (req, reply) => {
    const token = sessionToken(req);
    if (token) await people.endSession(token);
    return reply.header('set-cookie', sessionCookie('', null)).code(204).send();
  });

  // Token-only routes: the actor of their office actions is the admin token.
  app.post('/api/v1/admin/users', { preHandler: deps.requireAdmin }, async (req, reply) => {
    const person = parse(NewPersonSchema, req.body);
    if (person.unitId !== undefined && !(await unitOnServer(deps.store, person.unitId)))
      throw new ApiError('malformed', `No campaign on this server has a unit "${person.unitId}".`, { path: '/unitId' });
    const created = await createPerson(deps.store, person, new Date(now()).toISOString(), ADMIN_TOKEN_ACTOR);
    if (created === 'exists') throw new ApiError('malformed', 'This username is taken; choose another.', { path: '/username' });
    return reply.code(201).send({ person: created });
  });

  app.post('/api/v1/admin/users/:username/disable', { preHandler: deps.requireAdmin }, async (req) => {
    const { username } = req.params as { username: string };
    const disabled = await disablePerson(deps.store, username, new Date(now()).toISOString(), ADMIN_TOKEN_ACTOR);
    if (disabled === 'unknown') throw new ApiError('not-found', `There is no active account "${username}".`);
    return { person: disabled };
  });

  app.get('/api/v1/admin/users', { preHandler: deps.requireAdmin }, async () => ({ people: await people.list() }));
}
