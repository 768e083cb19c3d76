import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/** SHA-256 first, so that the comparison takes the same time whatever the lengths. */
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** True when `Authorization: Bearer <token>` carries the admin token (compared in constant time). */
export function hasAdminToken(authorization: string | undefined, adminToken: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return !!m && timingSafeEqual(digest(m[1]!), digest(adminToken));
}

/** A preHandler for admin routes: 401 `unauthorized` without the admin token. */
export function adminGuard(adminToken: string) {
  return async function requireAdmin(request: FastifyRequest): Promise<void> {
    if (!hasAdminToken(request.headers.authorization, adminToken)) {
      throw new ApiError('unauthorized', 'This needs the office admin token: send Authorization: Bearer <token>.');
    }
  };
}
