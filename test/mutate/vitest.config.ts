import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` (StrykerJS, test/mutate/stryker.config.json) runs against each mutant of
 * src/domain, src/protocol and src/server/ingest: the unit and server tests that exercise them
 * directly, in Node, on SQLite only. Of the suites that start a whole server, only those that
 * drive the ingest path (batches through prepare, checks, holds, projection) are in: each mutant
 * they cover pays for a server start. Not part of `npm test`.
 */
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: [
      'test/unit/domain/**/*.test.ts',
      'test/unit/scoring/**/*.test.ts',
      'test/unit/merkle.test.ts',
      'test/unit/protocol/**/*.test.ts',
      'test/unit/console/{qr,campaign-key}.test.ts',
      'test/unit/sync/{pure,receipt-head}.test.ts',
      'test/unit/store/{seal,received}.test.ts',
      'test/server/{canon-receipt,device-signatures,quick-check}.test.ts',
      'test/server/{body-limit,continuity,holds}.test.ts',
      'test/server/batch-json.test.ts',
      'test/server/{batches,records,conflicts,validity}.test.ts',
      'test/server/ingest-*.test.ts',
    ],
    environment: 'node',
    // One module graph for all files: each mutant's run of a file would otherwise load zod and the
    // modules under test again (several seconds a mutant on the shared machine). The mutants are
    // switched at run time, so shared modules are fine; the suites pass with and without isolation.
    isolate: false,
    setupFiles: ['test/mutate/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PINGYI_TEST_STORES: 'sqlite' },
  },
});
