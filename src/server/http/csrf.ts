import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../office/auth';
import { isAuthenticatedRoute } from './auth-throttle';
import { ApiError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request carries the console's session cookie (and no bearer token). */
function bySessionCookie(request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined) return false;
  const cookie = request.headers.cookie;
  return typeof cookie === 'string' && cookie.split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

/** The host (with port) of an Origin header, or null when it is absent, "null" or not a URL. */
function originHost(origin: string | undefined): string | null {
  if (!origin || origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery: a state-changing request that a session cookie authenticates must be
 * JSON (a form cannot send that without a CORS preflight, which this server never grants) and come
 * from this server's own pages: an Origin naming this host and port, or Sec-Fetch-Site:
 * same-origin. Anything else is 403 `bad-origin` before the body is read. Tablets (signed
 * requests) and the admin token are not cookie-authenticated and are not concerned.
 */
export function installCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE.has(request.method) || !isAuthenticatedRoute(request.url) || !bySessionCookie(request)) return;
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const host = originHost(request.headers.origin);
    const sameOrigin = host !== null ? host === request.host : request.headers['sec-fetch-site'] === 'same-origin';
    if (type !== 'application/json' || !sameOrigin) {
      throw new ApiError('bad-origin', "A signed-in change must come from this server's own console, as JSON; reload the console and try again.");
    }
  });
}
