import type { FastifyRequest } from 'fastify';
import type { ServerSigner } from './secrets';
import type { Store } from './store/types';

/** What every route module receives from buildApp (no module-level state anywhere). */
export interface ServerContext {
  store: Store;
  /** The receipt key: `signer.sign(x)` is the b64u Ed25519 signature of canon(x). */
  signer: ServerSigner;
  /** Milliseconds since the epoch (a parameter, so tests can move time). */
  now: () => number;
  /** preHandler for admin routes: throws 401 `unauthorized` without the admin token. */
  requireAdmin: (request: FastifyRequest) => Promise<void>;
  /**
   * Who is acting, for office actions (office/actions.ts), once `requireAdmin` passed: the signed-in
   * person's username, or `admin-token`.
   */
  actorOf: (request: FastifyRequest) => string;
  /** Per-route rate-limit option for admin routes: `config: { rateLimit: ctx.adminRateLimit }`. */
  adminRateLimit: { max: number; timeWindow: number };
}
