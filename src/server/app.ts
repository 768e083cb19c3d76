import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerContext } from './context';
import { adminGuard } from './http/admin-auth';
import { ApiError, installErrorHandler, notFoundAnswer } from './http/errors';
import { registerStatic } from './http/static';
import { officeRoutes, staffGuard } from './office/index';
import { adminRoutes } from './routes/admin';
import { blobRoutes } from './routes/blobs';
import { protocolRoutes } from './routes/protocol';
import type { ServerSigner } from './secrets';
import type { Store } from './store/types';

export interface AppOptions {
  store: Store;
  signer: ServerSigner;
  adminToken: string;
  /** The built app to serve (dist/), or null to serve the API only. */
  staticDir?: string | null;
  rateLimit?: { enrollPerMinute: number; adminPerMinute: number };
  trustProxy?: boolean;
  logger?: FastifyServerOptions['logger'];
  now?: () => number;
  /** Test seam (see IngestDeps.afterCommit); never set in production. */
  afterIngestCommit?: () => Promise<void>;
}

/**
 * Content Security Policy for the PWA: own scripts only; inline styles (Preact style props);
 * photos shown from blob:/data: URLs; the service worker and the manifest from this origin.
 * No upgrade-insecure-requests: a field server may run on plain HTTP on a local network.
 */
const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Builds the central endpoint from its dependencies (the caller owns and closes the store). */
export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: o.logger ?? false, trustProxy: o.trustProxy ?? false, bodyLimit: 1024 * 1024 });
  installErrorHandler(app);

  await app.register(helmet, { contentSecurityPolicy: CSP, hsts: false });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) => new ApiError('rate-limited', `Too many requests from this address; try again in ${c.after}.`),
  });

  const limits = o.rateLimit ?? { enrollPerMinute: 30, adminPerMinute: 600 };
  const ctx: ServerContext = {
    store: o.store,
    signer: o.signer,
    now: o.now ?? Date.now,
    requireAdmin: adminGuard(o.adminToken),
    adminRateLimit: { max: limits.adminPerMinute, timeWindow: 60_000 },
  };
  // The console's people reach the core's admin routes with their session; scripts keep the token.
  const staff = { ...ctx, requireAdmin: staffGuard(ctx, ctx.requireAdmin) };
  await app.register(protocolRoutes, { ...staff, enrollRateLimit: { max: limits.enrollPerMinute, timeWindow: 60_000 }, afterIngestCommit: o.afterIngestCommit });
  await app.register(blobRoutes, ctx);
  await app.register(adminRoutes, staff);
  await app.register(officeRoutes, ctx);
  if (o.staticDir) await registerStatic(app, o.staticDir);
  else app.setNotFoundHandler((_request, reply) => reply.code(404).send(notFoundAnswer()));
  return app;
}
