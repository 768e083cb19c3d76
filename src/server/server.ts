import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app';
import type { Config } from './config';
import { loadAdminToken, loadServerSigner, type ServerSigner } from './secrets';
import { openStore } from './store/kysely-store';
import type { Store } from './store/types';

export interface OpenedServer {
  app: FastifyInstance;
  store: Store;
  signer: ServerSigner;
  adminToken: string;
  /** True when the admin token was made just now (print it once). */
  adminTokenCreated: boolean;
}

/** Opens the store and the data dir's secrets and builds the app; closing the app closes the store. */
export async function openServer(config: Config, extra: Partial<AppOptions> = {}): Promise<OpenedServer> {
  const { signer } = await loadServerSigner(config.dataDir);
  const { token, created } = loadAdminToken(config.dataDir, config.adminToken);
  const store = await openStore(config.database, { backgroundCheckpoints: true, applicationName: 'pingyi-server' });
  try {
    const app = await buildApp({
      store,
      signer,
      adminToken: token,
      staticDir: config.staticDir,
      dataDir: config.dataDir,
      rateLimit: config.rateLimit,
      trustProxy: config.trustProxy,
      timeouts: { requestMs: config.requestTimeoutS * 1000 },
      ...extra,
    });
    app.addHook('onClose', () => store.close());
    return { app, store, signer, adminToken: token, adminTokenCreated: created };
  } catch (e) {
    await store.close();
    throw e;
  }
}
