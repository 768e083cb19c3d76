import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app';
import { startBlobSweeper } from './blob-sweep';
import type { Config } from './config';
import { secureDataDir } from './data-dir';
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
  const sqliteFile = config.database.kind === 'sqlite' ? config.database.file : undefined;
  secureDataDir(config.dataDir, sqliteFile);
  const { signer } = await loadServerSigner(config.dataDir);
  const { token, created } = loadAdminToken(config.dataDir, config.adminToken);
  const store = await openStore(config.database, { backgroundCheckpoints: true, applicationName: 'pingyi-server' });
  secureDataDir(config.dataDir);
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
      blobQuotaBytes: config.blobQuotaBytes,
      ...extra,
    });
    // Blobs no record names are removed 7 days after upload: at start, then hourly.
    const sweeper = startBlobSweeper(store, extra.now ?? Date.now, { info: (l) => app.log.info(l), warn: (l) => app.log.warn(l) });
    app.addHook('onClose', async () => {
      await sweeper.stop();
      await store.close();
    });
    return { app, store, signer, adminToken: token, adminTokenCreated: created };
  } catch (e) {
    await store.close();
    throw e;
  }
}
