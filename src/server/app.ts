import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerContext } from './context';
import { adminGuard } from './http/admin-auth';
import { DEFAULT_AUTH_THROTTLE, installAuthThrottle, isAuthenticatedRoute, type AuthThrottleOptions } from './http/auth-throttle';
import { installCsrfGuard } from './http/csrf';
import { ApiError, installErrorHandler, notFoundAnswer } from './http/errors';
import { installInputGuard } from './http/input-guard';
import { installJsonBody } from './http/json-body';
import { loggerOptions } from './http/logging';
import { registerStatic } from './http/static';
import { ADMIN_TOKEN_ACTOR } from './office/actions';
import { officeRoutes, staffAccess } from './office/index';
import { adminRoutes } from './routes/admin';
import { blobRoutes } from './routes/blobs';
import { deviceCampaignRoutes } from './routes/device-campaign';
import { protocolRoutes } from './routes/protocol';
import { statusRoutes } from './routes/status';
import type { ServerSigner } from './secrets';
import type { Store } from './store/types';

export interface AppOptions {
  store: Store;
  signer: ServerSigner;
  adminToken: string;
  /** The built app to serve (dist/), or null to serve the API only. */
  staticDir?: string | null;
  rateLimit?: { enrollPerMinute: number; adminPerMinute: number };
  /** The trusted reverse proxies (addresses, CIDR ranges) or their hop count; false: none. */
  trustProxy?: false | number | string[];
  /** Failed authentications per address before 429 (default 10 a minute). */
  authThrottle?: AuthThrottleOptions;
  timeouts?: Partial<Timeouts>;
  /** Bytes of not-yet-named blobs a device may hold (PINGYI_BLOB_QUOTA_BYTES; default 2 GiB). */
  blobQuotaBytes?: number;
  logger?: FastifyServerOptions['logger'];
  now?: () => number;
  /** The data directory, whose disk space GET /api/v1/admin/status reports. */
  dataDir?: string;
  /** Test seam (see IngestDeps.afterCommit); never set in production. */
  afterIngestCommit?: () => Promise<void>;
}

/** How long a client may take (milliseconds): slow senders must not hold connections open. */
export interface Timeouts {
  /** To send a whole request, headers and body (Node's requestTimeout). */
  requestMs: number;
  /** To send the headers. */
  headersMs: number;
  /** A connection without any traffic. */
  idleMs: number;
  /** How often Node looks for requests past their time. */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 60_000, headersMs: 20_000, idleMs: 120_000, checkIntervalMs: 2_000 };

/**
 * Content Security Policy for the PWA: own scripts only, no inline script; inline styles (Preact
 * style props); blob: URLs only as images (photos the console has recognised as JPEG, PNG or WebP);
 * the service worker and the manifest from this origin.
 * No upgrade-insecure-requests: a field server may run on plain HTTP on a local network.
 */
const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'"],
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

const hopsTrusted = (hops: number) => (_address: string, i: number) => i < hops;

/** Builds the central endpoint from its dependencies (the caller owns and closes the store). */
export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const t = { ...DEFAULT_TIMEOUTS, ...o.timeouts };
  const app = Fastify({
    logger: loggerOptions(o.logger ?? false),
    // A hop count as proxy-addr's function (hop i is trusted while i < n); a list as is.
    trustProxy: typeof o.trustProxy === 'number' ? hopsTrusted(o.trustProxy) : (o.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    http: { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkIntervalMs },
    // An address that cannot be decoded (`/%ff`) gets the protocol's shape too.
    frameworkErrors: (_err, _request, reply) => {
      const e = new ApiError('malformed', 'The address cannot be decoded; check its percent-escapes.');
      void reply.code(400 as never).send(e.toAnswer() as never);
    },
  });
  installErrorHandler(app, (err) => o.store.health.failed(err));
  const now = o.now ?? Date.now;
  installJsonBody(app);
  installInputGuard(app);
  installAuthThrottle(app, o.authThrottle ?? DEFAULT_AUTH_THROTTLE, now);
  installCsrfGuard(app);
  // Office answers are never kept by a browser or a proxy.
  app.addHook('onSend', async (request, reply, payload) => {
    if (isAuthenticatedRoute(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(helmet, { contentSecurityPolicy: CSP, hsts: false });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) => new ApiError('rate-limited', `Too many requests from this address; try again in ${c.after}.`),
  });

  const limits = o.rateLimit ?? { enrollPerMinute: 30, adminPerMinute: 600 };
  const ctx: ServerContext = {
    store: o.store,
    signer: o.signer,
    now,
    requireAdmin: adminGuard(o.adminToken),
    adminRateLimit: { max: limits.adminPerMinute, timeWindow: 60_000 },
    // Routes of this context take the admin token only.
    actorOf: () => ADMIN_TOKEN_ACTOR,
  };
  // The console's people reach the core's admin routes with their session; scripts keep the token.
  const staff = { ...ctx, ...staffAccess(ctx, ctx.requireAdmin) };
  await app.register(protocolRoutes, {
    ...staff,
    enrollRateLimit: { max: limits.enrollPerMinute, timeWindow: 60_000 },
    afterIngestCommit: o.afterIngestCommit,
  });
  await app.register(blobRoutes, { ...ctx, blobQuotaBytes: o.blobQuotaBytes });
  await app.register(deviceCampaignRoutes, ctx);
  await app.register(adminRoutes, staff);
  await app.register(statusRoutes, { ...staff, dataDir: o.dataDir });
  await app.register(officeRoutes, ctx);
  if (o.staticDir) await registerStatic(app, o.staticDir);
  else app.setNotFoundHandler((_request, reply) => reply.code(404).send(notFoundAnswer()));
  return app;
}
