import fastifyCookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors';
import { ADMIN_TOKEN_ACTOR } from './actions';
import type { PeopleRepo, Person, PersonRole } from './people';

export const SESSION_COOKIE = 'pingyi_session';

/** Who is calling an office route: the admin token (scripts, the CLI) or a signed-in person. */
export type Principal = { kind: 'admin-token' } | { kind: 'person'; person: Person };

export function sessionToken(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  return header ? fastifyCookie.parse(header)[SESSION_COOKIE] : undefined;
}

/** The Set-Cookie value of a session: HttpOnly, Secure, SameSite=Strict, for the API only. */
export function sessionCookie(token: string, expiresAt: string | null): string {
  return fastifyCookie.serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    // Browsers keep Secure cookies on http://localhost too; elsewhere the console is served over HTTPS.
    secure: true,
    sameSite: 'strict',
    path: '/api',
    ...(expiresAt ? { expires: new Date(expiresAt) } : { maxAge: 0 }),
  });
}

export interface OfficeAuthDeps {
  /** The server's admin-token check (throws 401 `unauthorized` for a wrong token). */
  requireAdmin: (req: FastifyRequest) => Promise<void>;
  people: PeopleRepo;
  now: () => number;
}

/**
 * Office authentication: `principal` finds who is calling (a bearer token must be the admin token;
 * otherwise the session cookie); `guard(roles)` is a preHandler answering 401 `unauthorized` unless
 * the admin token or a session of one of `roles` is presented. The admin token may do everything.
 */
export function officeAuth(deps: OfficeAuthDeps) {
  const principals = new WeakMap<FastifyRequest, Principal>();

  async function principal(req: FastifyRequest): Promise<Principal | null> {
    if (req.headers.authorization !== undefined) {
      await deps.requireAdmin(req);
      return { kind: 'admin-token' };
    }
    const token = sessionToken(req);
    const person = token ? await deps.people.sessionPerson(token, deps.now()) : null;
    return person ? { kind: 'person', person } : null;
  }

  function guard(roles: readonly PersonRole[]) {
    return async (req: FastifyRequest): Promise<void> => {
      const p = await principal(req);
      if (!p) throw new ApiError('unauthorized', 'Sign in, or send the admin token as "Authorization: Bearer <token>".');
      if (p.kind === 'person' && !roles.includes(p.person.role)) {
        throw new ApiError('unauthorized', `This needs the ${roles.join(' or ')} role; ask an office admin.`);
      }
      principals.set(req, p);
    };
  }

  /** The principal the guard found for this request. */
  function principalOf(req: FastifyRequest): Principal {
    const p = principals.get(req);
    if (!p) throw new Error('office route without its guard');
    return p;
  }

  return { principal, guard, principalOf };
}
export type OfficeAuth = ReturnType<typeof officeAuth>;

/** A name for the history: who changed a figure. */
export function actorName(p: Principal): string {
  return p.kind === 'admin-token' ? ADMIN_TOKEN_ACTOR : p.person.username;
}

export const OFFICE_ADMIN: readonly PersonRole[] = ['office-admin'];
/** The office's people: a unit account is never among them. */
export const ANY_PERSON: readonly PersonRole[] = ['office-admin', 'coordinator'];
/** A unit account (被评单位); the admin token is not one (it has no unit). */
export const UNIT: readonly PersonRole[] = ['unit'];
