import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServer } from '../../src/server/build.mjs';

// Once per run of the server project: the server, the admin CLI and the verifier compiled as
// `npm run build` compiles them (src/server/build.mjs), for the tests that run them as processes of
// their own. Node starts a compiled program in a fraction of what compiling the sources at each
// start costs (tsx: ~1.5 CPU-s a start), and the tests run what `npm start` runs. Two levels under
// the repository, as dist-server/server/ is (config.ts finds dist/ from there; packages resolve
// from the repository's node_modules); one folder per run, removed when the run ends.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of this run's compiled main.js, admin.js and verify.js. */
    serverPrograms: string;
  }
}

const ROOT = join(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = `.tmp/server-${process.pid}`;
  await buildServer(dir);
  project.provide('serverPrograms', join(ROOT, dir));
  return () => rmSync(join(ROOT, dir), { recursive: true, force: true });
}
