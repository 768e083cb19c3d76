import { loadConfig } from './config';
import { openServer } from './server';

/** `npm run serve`: the central endpoint, configured from the environment (see src/server/README.md). */
async function main(): Promise<void> {
  // Everything the server writes is the owner's only (data dir 0700, files 0600).
  process.umask(0o077);
  const config = loadConfig();
  const { app, signer, adminToken, adminTokenCreated } = await openServer(config, { logger: { level: config.logLevel } });
  if (adminTokenCreated) {
    // Printed once, when it is made; afterwards it is only in the data dir (mode 0600).
    process.stdout.write(`\nAdmin token (keep it; it is not shown again): ${adminToken}\n\n`);
  }
  const address = await app.listen({ port: config.port, host: config.host });
  // Said on stdout whatever the log level: scripts (and people) look for this line.
  process.stdout.write(`Pingyi server listening at ${address}\n`);
  app.log.info(
    { dataDir: config.dataDir, store: config.database.kind, serverKeyId: signer.keyId, app: config.staticDir ?? 'not built (API only)' },
    'pingyi server ready',
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`pingyi server failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
