// `npm run bench [-- --quick] [-- --no-build] [-- --only=key,key]`: Pingyi's figures beside its
// peers, measured in the same Chromium and the same process tree. Never part of `npm test`.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newProfile } from '../e2e/browser';
import { startServer, type TestServer } from '../e2e/harness';
import { buildPages, fmt, ROOT, scratchDir, type Figure, type Sizes } from './common';
import { firstVisitJs } from './measure-first-visit';
import { sealP95 } from './measure-seal';
import { dexieBulkPut } from './peer-dexie';
import { pouchReplicate } from './peer-pouch';
import { serverFigures } from './measure-server';
import { archiveFigures } from './measure-archive';
import { appFigures } from './measure-app';
import { weakNetFigures } from './measure-weak';
import { slowCpuFigures } from './measure-slow-cpu';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');

/** Sizes: the full pass uses the sizes the figures are named after; --quick a fraction. */
const SIZES: Sizes = quick
  ? { runs: 3, sync: 1000, stored: 5000, seals: 40, tally: 20_000, ingest: 5000, today: 20_000, durable: 3, weakRuns: 1 }
  : { runs: 3, sync: 10_000, stored: 50_000, seals: 200, tally: 200_000, ingest: 20_000, today: 200_000, durable: 10, weakRuns: 1 };

interface Row {
  key: string;
  label: string;
  unit: string;
  figure: Figure;
}
const rows: Row[] = [];
const gaps: string[] = [];
const notes: string[] = [];
const note = (line: string) => void notes.push(line);

const wanted = (key: string) => !only || only.includes(key);

/** The home screen has rendered (C1's HomeScreen root). */
const HOME_READY = '[data-testid="tile-f2f"]';

/** Runs one measurement; a failure is reported and its key left out, the others still run. */
async function measure(key: string, label: string, unit: string, fn: () => Promise<Figure | null>): Promise<void> {
  if (!wanted(key)) return;
  const t0 = Date.now();
  process.stdout.write(`• ${label} … `);
  try {
    const figure = await fn();
    if (!figure) return; // the measurement explained itself
    rows.push({ key, label, unit, figure });
    process.stdout.write(`${fmt(figure.median)} ${unit} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    gaps.push(`${key}: ${why}`);
    process.stdout.write(`FAILED: ${why}\n`);
  }
}

function gap(key: string, why: string): null {
  gaps.push(`${key}: ${why}`);
  process.stdout.write(`skipped: ${why}\n`);
  return null;
}

async function main(): Promise<void> {
  console.log(`Pingyi benchmark${quick ? ' (--quick: smaller sizes; figures not written to bench-results.json)' : ''}`);
  let built = true;
  if (!argv.includes('--no-build')) {
    console.log('• building the app (vite build) …');
    try {
      execSync('npx vite build --logLevel warn', { cwd: ROOT, stdio: 'inherit' });
    } catch {
      built = false;
      console.log('  the app did not build: the figures of the built app are skipped');
    }
  }
  built &&= existsSync(join(ROOT, 'dist', 'index.html'));
  const pages = scratchDir('bench-pages');
  const profile = newProfile('pingyi-bench-');
  let server: TestServer | null = null;
  try {
    await buildPages(['dexie-floor', 'pouch-peer', 'seal'], pages.dir);
    const ctx = await profile.open();

    await measure('dexieBulkPut10kMs', `Dexie bulkPut of ${SIZES.sync} records (floor)`, 'ms', () => dexieBulkPut(ctx, pages.dir, SIZES.sync, SIZES.runs));
    await measure('pouchReplicate10kMs', `PouchDB replicate ${SIZES.sync} docs to express-pouchdb (peer)`, 'ms', () =>
      pouchReplicate(ctx, pages.dir, SIZES.sync, SIZES.runs),
    );
    await measure('sealP95Ms', `seal p95 with ${SIZES.stored} records stored`, 'ms', () => sealP95(ctx, pages.dir, SIZES.stored, SIZES.seals, SIZES.runs));
    if (built) {
      server = await startServer();
      const app = server;
      let files: { url: string; bytes: number; gzip: number }[] = [];
      await measure('firstVisitJsKiBGzip', 'first-visit JS of the home screen (gzip)', 'KiB', async () => {
        const r = await firstVisitJs(app.url, SIZES.runs, HOME_READY);
        files = r.files;
        return r.kib;
      });
      for (const f of files) console.log(`    ${f.url}  ${(f.bytes / 1024).toFixed(1)} KiB → ${(f.gzip / 1024).toFixed(1)} KiB gzip`);
      await appFigures({ server, ctx, sizes: SIZES, measure, gap, note, wanted });
      await weakNetFigures({ ctx, pagesDir: pages.dir, quick, sizes: SIZES, measure, gap, note, wanted });
      await slowCpuFigures({ ctx, pagesDir: pages.dir, sizes: SIZES, measure, gap, note, wanted });
    } else {
      const appKeys = [
        'firstVisitJsKiBGzip',
        'listFirstRowsMs',
        'sync10kMs',
        'weakNetSyncMs',
        'weakNetFloorMs',
        'weakNetPouchMs',
        'slowCpuColdStartMs',
        'slowCpuSealP95Ms',
      ];
      for (const key of appKeys) if (wanted(key)) gaps.push(`${key}: the app is not built`);
    }
    await serverFigures({ sizes: SIZES, measure, gap, note, wanted });
    await archiveFigures({ sizes: SIZES, measure, gap, note, wanted }, quick);
  } finally {
    await profile.dispose();
    await server?.close();
    pages.remove();
  }
  report();
}

function report(): void {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  console.log('\n' + ['figure', 'median', 'min', 'max', 'unit', 'runs'].join('\t'));
  for (const r of rows) {
    console.log([r.key, fmt(r.figure.median), fmt(r.figure.min), fmt(r.figure.max), r.unit, r.figure.runs.length].join('\t'));
  }
  const sync = byKey.get('sync10kMs')?.figure.median;
  const pouch = byKey.get('pouchReplicate10kMs')?.figure.median;
  const dexie = byKey.get('dexieBulkPut10kMs')?.figure.median;
  if (sync && pouch) console.log(`\nsync10kMs / pouchReplicate10kMs = ${(sync / pouch).toFixed(2)}`);
  if (sync && dexie) console.log(`sync10kMs / dexieBulkPut10kMs = ${(sync / dexie).toFixed(2)}`);
  const weak = byKey.get('weakNetSyncMs')?.figure.median;
  const weakFloor = byKey.get('weakNetFloorMs')?.figure.median;
  const weakPouch = byKey.get('weakNetPouchMs')?.figure.median;
  if (weak && weakFloor) console.log(`weakNetSyncMs / weakNetFloorMs = ${(weak / weakFloor).toFixed(2)} (target ≤ 1.25)`);
  if (weak && weakPouch) console.log(`weakNetSyncMs / weakNetPouchMs = ${(weak / weakPouch).toFixed(2)} (target ≤ 0.5)`);
  if (notes.length) console.log('\n' + notes.join('\n'));
  if (gaps.length) console.log('\nNot measured:\n' + gaps.map((g) => `  - ${g}`).join('\n'));

  // --only refreshes the figures it names and keeps the others of the last full pass.
  const file = quick ? join(ROOT, '.tmp', 'bench-results.quick.json') : join(ROOT, 'bench-results.json');
  const results: Record<string, number> = only && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const r of rows) results[r.key] = Number(r.figure.median.toFixed(r.figure.median >= 100 ? 0 : 2));
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nWrote ${file}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
