import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { build } from 'vite';
import type { BrowserContext, Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PAGES = join(ROOT, 'test/bench/pages');

/** Median, min, max and the raw runs of one figure. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function figure(runs: number[]): Figure {
  if (runs.length === 0) throw new Error('no runs');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs };
}

/** The p-th percentile (nearest rank) of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Runs `once` `runs` times in sequence and summarises. */
export async function repeat(runs: number, once: (run: number) => Promise<number>): Promise<Figure> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await once(i));
  return figure(xs);
}

/** A scratch directory under the repo's git-ignored .tmp/, removed by the returned function. */
export function scratchDir(name: string): { dir: string; remove: () => void } {
  const dir = join(ROOT, '.tmp', `${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Bundles bench page entries (test/bench/pages/<name>.ts) with Vite into outDir as <name>.js.
 * They are built apart from the product (no PWA plugin, own output directory).
 */
export async function buildPages(names: string[], outDir: string): Promise<void> {
  const input: Record<string, string> = {};
  for (const n of names) input[n] = join(PAGES, `${n}.ts`);
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    define: { global: 'globalThis' },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      copyPublicDir: false,
      rollupOptions: { input, preserveEntrySignatures: 'exports-only', output: { entryFileNames: '[name].js', format: 'es' } },
    },
  });
}

/** An express app serving bench pages: GET /<name>.html loads /<name>.js as a module. */
export function pagesApp(outDir: string): Express {
  const app = express();
  app.get('/:name.html', (req, res) => {
    const name = req.params.name.replace(/[^a-z0-9-]/gi, '');
    res.type('html').send(`<!doctype html><meta charset="utf-8"><title>${name}</title><script type="module" src="/${name}.js"></script>`);
  });
  app.use(express.static(outDir));
  return app;
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, random port. */
export function listen(handler: Parameters<typeof createServer>[1]): Promise<Listening> {
  return new Promise((ok, fail) => {
    const server: Server = createServer(handler);
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Opens a bench page and waits until its module has installed `window[fn]`. */
export async function openPage(ctx: BrowserContext, url: string, fn: string): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`  [page error] ${e.message}`));
  await page.goto(url);
  await page.waitForFunction((f) => typeof (window as unknown as Record<string, unknown>)[f] === 'function', fn, { timeout: 30_000 });
  return page;
}

export function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** How much each figure measures (the full pass uses the sizes the keys are named after). */
export interface Sizes {
  runs: number;
  /** Records synced / replicated / bulk-put. */
  sync: number;
  /** Records already stored on the tablet for the seal and list figures. */
  stored: number;
  /** Seals per run for the p95. */
  seals: number;
  /** Questionnaires in the tally. */
  tally: number;
  /** Records ingested per run. */
  ingest: number;
  /** Records sealed today on the tablet for the durability figures. */
  today: number;
  /** Questionnaires answered and sealed per run for the durability figures. */
  durable: number;
  /** Runs of the weak-network day (each some minutes of emulated link, and the peer's as long). */
  weakRuns: number;
}

/** What run.ts hands each group of measurements. */
export interface Bench {
  sizes: Sizes;
  /** Runs one measurement; a failure is reported and its key left out, the others still run. */
  measure(key: string, label: string, unit: string, fn: () => Promise<Figure | null>): Promise<void>;
  /** Reports why a figure was not measured; returns null for `measure` to leave the key out. */
  gap(key: string, why: string): null;
  /** Whether a figure was asked for (`--only=`); extras have their own names, e.g. 'verify'. */
  wanted(key: string): boolean;
  /** A line printed under the table (context for a figure, not written to bench-results.json). */
  note(line: string): void;
}
