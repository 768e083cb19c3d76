import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedRecords } from '../bench/list';
import { launchKillable, type KillableBrowser } from './durability';
import { startServer, until } from './harness';

// The kill test's tablet: a Chromium profile whose IndexedDB holds SEEDED records sealed today.
// Writing them takes a while (each record goes into nine indexes) and needs no core to itself,
// unlike the kill trials, so the e2e-alone project's global setup starts it when the run starts,
// beside the other browser files, and the kill test waits for it (`awaitSeededProfile`).
// IndexedDB belongs to an origin, so the server that served the seeding serves the kill test too.

/** Records sealed today on the tablet of the kill test. */
export const SEEDED = 60_000;

export interface SeededProfile {
  /** The server the profile's app was loaded from (its origin holds the records). */
  url: string;
  /** The Chromium profile directory. */
  profile: string;
  /** Written when the seeding ends: `{ count }`, or `{ error }`. */
  marker: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    killSeed: SeededProfile | null;
  }
}

/** Opens the profile, writes the records through the app's origin, closes the browser. */
async function seed(profile: string, url: string, opened: (b: KillableBrowser) => void): Promise<number> {
  const open = await launchKillable(profile);
  opened(open);
  const seeded = await seedRecords(open.page, url, { count: SEEDED, days: 1 });
  await open.close();
  return seeded.count;
}

/** Starts the server and the seeding (not waited for); ends both when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-kill-'));
  const profile = join(dir, 'profile');
  mkdirSync(profile);
  const marker = join(dir, 'seeded.json');
  const server = await startServer();
  let browser: KillableBrowser | undefined;
  const seeding = seed(profile, server.url, (b) => (browser = b)).then(
    (count) => writeFileSync(marker, JSON.stringify({ count })),
    (e: unknown) => writeFileSync(marker, JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) })),
  );
  project.provide('killSeed', { url: server.url, profile, marker });
  return async () => {
    await browser?.kill();
    await seeding;
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Waits for the profile the global setup is seeding and returns it with the number of records
 * written; without that setup (another config), seeds one here on a server of its own.
 */
export async function awaitSeededProfile(
  given: SeededProfile | null | undefined,
): Promise<{ url: string; profile: string; count: number; close(): Promise<void> }> {
  if (!given) {
    const server = await startServer();
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-kill-'));
    const count = await seed(dir, server.url, () => undefined);
    return { url: server.url, profile: dir, count, close: async () => (await server.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const result = await until(
    'the seeded profile',
    async () => (existsSync(given.marker) ? (JSON.parse(readFileSync(given.marker, 'utf8')) as { count?: number; error?: string }) : null),
    (v) => v !== null,
    240_000,
  );
  if (result!.error !== undefined) throw new Error(`seeding the profile failed: ${result!.error}`);
  return { url: given.url, profile: given.profile, count: result!.count!, close: async () => undefined };
}
