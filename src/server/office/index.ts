import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../context';

/**
 * The office routes (tally, manual scores, export, log proofs). buildApp registers this plugin with
 * the ServerContext: `ctx.store.db` is the Kysely handle, `ctx.requireAdmin` guards admin routes,
 * `ctx.signer.sign(x)` signs canon(x) with the server key.
 */
export const officeRoutes: FastifyPluginAsync<ServerContext> = async (_app, _ctx) => {};
