import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` (StrykerJS, test/mutate/stryker.config.json) runs against each mutant of
 * src/domain, src/protocol and src/server/ingest: the unit and server tests that exercise them
 * directly, in Node, on SQLite only. Suites that start a whole server per file are left out: each
 * mutant would pay for their start-up, and what they add is covered here function by function.
 * Not part of `npm test`.
 */
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: [
      'test/unit/domain/**/*.test.ts',
      'test/unit/scoring/**/*.test.ts',
      'test/unit/merkle.test.ts',
      'test/unit/protocol/**/*.test.ts',
      'test/unit/sync/{pure,receipt-head}.test.ts',
      'test/unit/store/{seal,received}.test.ts',
      'test/server/{canon-receipt,device-signatures,quick-check}.test.ts',
      'test/server/ingest-*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PINGYI_TEST_STORES: 'sqlite' },
  },
});
