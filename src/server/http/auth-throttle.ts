import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

export interface AuthThrottleOptions {
  /** Failed authentications an address may make within `windowMs` (default 10). */
  maxFailures: number;
  windowMs: number;
  /** The addresses remembered at most; the oldest windows are dropped first past it. */
  maxAddresses?: number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = { maxFailures: 10, windowMs: 60_000, maxAddresses: 50_000 };

/** Routes that authenticate a person or the office: every admin route and the session. */
export const isAuthenticatedRoute = (url: string) =>
  url.startsWith('/api/v1/admin/') || url.startsWith('/api/v1/unit/') || url === '/api/v1/session' || url.startsWith('/api/v1/session?');

/** A bearer token, a session cookie, or a sign-in (username and password). */
function presentedCredentials(request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined) return true;
  if (request.method === 'POST' && request.url.split('?')[0] === '/api/v1/session') return true;
  const cookie = request.headers.cookie;
  return typeof cookie === 'string' && /(^|;)\s*pingyi_session=/.test(cookie);
}

/**
 * Counts failed authentications per client address in fixed windows. Kept by the app that made it
 * (no module state); `now` is the app's clock.
 */
export function authFailures(o: AuthThrottleOptions, now: () => number) {
  const windows = new Map<string, { start: number; failures: number }>();
  const max = o.maxAddresses ?? DEFAULT_AUTH_THROTTLE.maxAddresses!;
  const current = (ip: string) => {
    const w = windows.get(ip);
    return w && now() - w.start < o.windowMs ? w : undefined;
  };
  return {
    /** Seconds until the address may try again, or 0 when it is not blocked. */
    blockedFor(ip: string): number {
      const w = current(ip);
      return w && w.failures >= o.maxFailures ? Math.max(1, Math.ceil((w.start + o.windowMs - now()) / 1000)) : 0;
    },
    failed(ip: string): void {
      const w = current(ip);
      if (w) return void w.failures++;
      windows.delete(ip);
      if (windows.size >= max) windows.delete(windows.keys().next().value!);
      windows.set(ip, { start: now(), failures: 1 });
    },
  };
}

/**
 * Throttles guessing: an address whose authentications (admin token, session cookie, password)
 * failed `maxFailures` times within the window gets 429 `rate-limited` with Retry-After on every
 * admin and session route until the window ends, whatever it sends. A failure is any 401 answer
 * of those routes, so every guard and the sign-in count alike.
 */
export function installAuthThrottle(app: FastifyInstance, o: AuthThrottleOptions, now: () => number): void {
  const failures = authFailures(o, now);
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (!isAuthenticatedRoute(request.url)) return;
    const wait = failures.blockedFor(request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new ApiError('rate-limited', `Too many failed sign-ins or tokens from this address; try again in ${wait} s.`);
    }
  });
  // Counted before the answer leaves, so the next request already sees it. Only a request that
  // presented something (a token, a session cookie, a password) failed: the console asking "who am
  // I?" without a session is not a guess.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 401 && isAuthenticatedRoute(request.url) && presentedCredentials(request)) failures.failed(request.ip);
    return payload;
  });
}
