import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../context';
import { actorName, ANY_PERSON, officeAuth, OFFICE_ADMIN } from './auth';
import { logProofRoutes } from './log-proofs';
import { actionRoutes } from './routes-actions';
import { peopleRepo } from './people';
import { campaignRoutes } from './routes-campaign';
import { campaignVersionRoutes } from './routes-campaign-versions';
import { exportRoutes } from './routes-export';
import { peopleRoutes } from './routes-people';
import { archiveRoutes } from './routes-archive';
import { feedbackRoutes } from './routes-feedback';
import { opinionRoutes } from './routes-opinions';
import { reportRoutes } from './routes-report';
import { rectificationRoutes } from './routes-rectification';
import { unitRoutes } from './routes-unit';
import { unitAccountRoutes } from './routes-unit-accounts';
import { reviewRoutes } from './routes-review';
import { rosterRoutes } from './routes-roster';
import type { OfficeTables } from './tables';
import type { AggregateCache } from './tally-snapshot';

/**
 * The office routes: the signed tally, manual scores, data quality, findings, exports, RFC 6962
 * log proofs, and the people of the console with their sessions. Office routes take the admin
 * token or a signed-in person's session cookie.
 */
export const officeRoutes: FastifyPluginAsync<ServerContext> = async (app, ctx) => {
  const db = ctx.store.db.withTables<OfficeTables>();
  const people = peopleRepo(db);
  const auth = officeAuth({ requireAdmin: ctx.requireAdmin, people, now: ctx.now });
  // Aggregates by campaign at a log size, for as long as this app runs (see AggregateCache).
  const tallyCache: AggregateCache = new Map();
  const deps = { store: ctx.store, db, signer: ctx.signer, auth, now: ctx.now, tallyCache };
  peopleRoutes(app, { store: ctx.store, people, auth, requireAdmin: ctx.requireAdmin, now: ctx.now, rateLimit: { max: 20, timeWindow: 60_000 } });
  campaignRoutes(app, deps);
  campaignVersionRoutes(app, deps);
  reviewRoutes(app, deps);
  opinionRoutes(app, deps);
  rosterRoutes(app, deps);
  feedbackRoutes(app, deps);
  rectificationRoutes(app, deps);
  unitRoutes(app, deps);
  unitAccountRoutes(app, { ...deps, people });
  archiveRoutes(app, deps);
  exportRoutes(app, deps);
  // Public (公示): no sign-in, so a tighter limit per address than the office's.
  reportRoutes(app, deps, { max: 120, timeWindow: 60_000 });
  logProofRoutes(app, ctx.store.db);
  actionRoutes(app, { db: ctx.store.db, auth, rateLimit: ctx.adminRateLimit });
};

/**
 * A preHandler for the admin routes outside this plugin (devices, records, campaigns) that also
 * takes an office-admin's session, so the console can use them; `tokenGuard` is the admin-token
 * check. Account management keeps the token-only guard. `actorOf` names who passed the guard.
 */
export function staffAccess(
  ctx: Pick<ServerContext, 'store' | 'now'>,
  tokenGuard: ServerContext['requireAdmin'],
): Pick<ServerContext, 'requireAdmin' | 'actorOf'> {
  const people = peopleRepo(ctx.store.db.withTables<OfficeTables>());
  const auth = officeAuth({ requireAdmin: tokenGuard, people, now: ctx.now });
  const admins = auth.guard(OFFICE_ADMIN);
  const anyone = auth.guard(ANY_PERSON);
  return {
    // Coordinators read the device list and the campaigns (their console needs both); changes stay with office admins.
    requireAdmin: (req) => (req.method === 'GET' && READABLE_BY_COORDINATORS.test(req.url) ? anyone : admins)(req),
    actorOf: (req) => actorName(auth.principalOf(req)),
  };
}

const READABLE_BY_COORDINATORS = /^\/api\/v1\/admin\/(devices|campaigns)(\/[^/?]+)?(\?|$)/;
