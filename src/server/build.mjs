// `npm run build:server`: compiles the central endpoint into dist-server/server/ for plain Node.
// Each entry is bundled alone (our own modules inlined, every package left to node_modules), so
// `main.js`, `admin.js` and `verify.js` sit two levels under the repository, as src/server/*.ts do,
// and src/server/config.ts finds the built app (dist/) from its own file's address either way.
// The SQLite checkpoint worker is evaluated from a string (src/server/store/checkpointer.ts), so
// no worker file needs to be shipped beside them.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The three programs: the server, the admin CLI and the offline export verifier. */
export const SERVER_ENTRIES = {
  main: 'src/server/main.ts',
  admin: 'src/server/cli/admin.ts',
  verify: 'src/server/cli/verify.ts',
};

/** `outdir`: relative to the repository, two levels under it (as dist-server/server/ is). */
export async function buildServer(outdir = 'dist-server/server') {
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(SERVER_ENTRIES).map(([out, file]) => ({ in: file, out })),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
