/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The unit tests of src/domain, src/protocol and the tally (the `pure` project). */
const PURE = ['test/unit/domain/**/*.test.ts', 'test/unit/protocol/**/*.test.ts', 'test/unit/scoring/**/*.test.ts', 'test/unit/merkle.test.ts'];
/** Unit tests without components that still need the DOM's localStorage (the `dom` project, with the components). */
const DOM_TS = ['test/unit/store/witness.test.ts', 'test/unit/store/today-cache.test.ts'];

// One config for the app build (Vite + service worker) and the test projects.
export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false, // src/pwa registers it with workbox-window
      registerType: 'prompt', // an update waits for the user ("新版本可用")
      manifest: false, // public/manifest.webmanifest is the app's own
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    // Both cores of a two-core machine: most of a server test's time is spent waiting on the
    // database or the network, not on the CPU (Vitest's default on two cores is one worker).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          // The rules, the wire format and the tally: pure functions, no DOM, no IndexedDB. In Node,
          // with one module graph for all files (nothing in them keeps state between calls): a jsdom
          // environment and a fresh import of zod and the domain for each file cost more than most
          // of these files take to run.
          name: 'pure',
          include: PURE,
          environment: 'node',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // The tablet's and the console's code without components (store, sync, helpers): in Node,
          // with fake-indexeddb (setup.ts) and Node's own Blob, fetch and WebCrypto, as a browser
          // has them built in. A jsdom environment for each of these files cost more than most of
          // them take to run.
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: [...PURE, ...DOM_TS],
          environment: 'node',
          isolate: false,
          setupFiles: ['test/unit/setup.ts'],
          // Beside a server file on the other core, a unit test against a real server can take
          // longer than Vitest's default of 5 s on a loaded machine.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          // The components, and the files that need the DOM's localStorage: under jsdom.
          name: 'dom',
          include: ['test/unit/**/*.test.tsx', ...DOM_TS],
          environment: 'jsdom',
          // One module graph from file to file, as the server files do: importing the app's modules
          // again for each file was a third of the project's CPU time. Each file opens IndexedDB
          // databases of its own names; the files pass in any order and all in one worker
          // (checked with --sequence.shuffle.files --maxWorkers=1).
          isolate: false,
          setupFiles: ['test/unit/setup.ts'],
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          // One migrated PostgreSQL database per run, copied for each file's database.
          globalSetup: ['test/server/pg-template.ts', 'test/server/programs.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file has its own data directory and its own PostgreSQL database, so files run side
          // by side; and one worker keeps its loaded modules from file to file (the server's modules
          // took longer to load than many files take to run). The server keeps no state in modules.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/kill.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at a time, each with its own server, data directory, Chromium profile and
          // ports: much of a browser file's time is spent waiting (on the emulated weak link, on a
          // service worker, on a restarted browser), not on the CPU. Loaded modules are kept from
          // file to file, as the server files do. After the unit and server projects when all run.
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          // The kill test alone, after every other browser file: its 100 ms durability checks want
          // the cores to themselves. `--project 'e2e*'` runs both browser projects.
          name: 'e2e-alone',
          include: ['test/e2e/kill.test.ts'],
          environment: 'node',
          // Its tablet's 60,000 records are written from the start of the run (kill-seed.ts).
          globalSetup: ['test/e2e/kill-seed.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          isolate: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
