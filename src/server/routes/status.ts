import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../context';
import { diskSpace } from '../store/faults';

export interface StatusRouteOptions extends ServerContext {
  /** The data directory (the SQLite file, the keys): its filesystem's space is reported. */
  dataDir?: string;
}

/**
 * GET /api/v1/admin/status: what the console's header shows about the server itself, the free
 * space of the data directory's disk (warned about under 5 %) and any store fault in force.
 */
export const statusRoutes: FastifyPluginAsync<StatusRouteOptions> = async (app, ctx) => {
  app.get('/api/v1/admin/status', { preHandler: ctx.requireAdmin, config: { rateLimit: ctx.adminRateLimit } }, async () => {
    let storage: { freeBytes: number; totalBytes: number } | null = null;
    try {
      storage = ctx.dataDir ? diskSpace(ctx.dataDir) : null;
    } catch {
      storage = null;
    }
    return { storage, database: ctx.store.dialect, fault: ctx.store.health.fault ?? null };
  });
};
