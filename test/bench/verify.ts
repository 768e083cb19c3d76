import { createWriteStream, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { loadServerSigner } from '../../src/server/secrets';
import { cutExport, jsonlExport } from '../../src/server/office/export-jsonl';
import type { OfficeTables } from '../../src/server/office/tables';
import { verifyExportFile } from '../../src/server/office/verify/index';
import { fillCampaign } from './office-fill';
import { scratchStore } from './tally';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm run verify` on the verifiable export of a 100-unit campaign with `count` (200,000)
 * questionnaires: the store is filled through Store.ingest, the JSONL written by the server's
 * exporter to a file, then verified offline (every check) and timed. Also reports how long the
 * export took and its size. Throws if any check fails.
 */
export async function benchVerify(
  o: { store?: 'sqlite' | 'postgres'; count?: number } = {},
): Promise<{ ms: number; cpuMs: number; cliMs: number; exportMs: number; bytes: number; fillMs: number }> {
  const count = o.count ?? 200_000;
  const place = await scratchStore(o.store ?? 'sqlite');
  try {
    const t0 = performance.now();
    const campaign = await fillCampaign(place.store, count);
    const fillMs = performance.now() - t0;
    const { signer } = await loadServerSigner(place.dir);
    const db = place.store.db.withTables<OfficeTables>();
    const file = join(place.dir, 'export.jsonl');
    const t1 = performance.now();
    const cut = await cutExport(db, signer, campaign.id, new Date().toISOString());
    await pipeline(Readable.from(jsonlExport(db, signer, cut!)), createWriteStream(file));
    const exportMs = performance.now() - t1;
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    const results = await verifyExportFile(file, { expectedKeyId: signer.keyId });
    const ms = performance.now() - t2;
    const used = process.cpuUsage(c2);
    const cpuMs = (used.user + used.system) / 1000;
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(`verify failed: ${failed.map((r) => `${r.name}: ${r.problems.slice(0, 3).join('; ')}`).join(' | ')}`);
    // The command an auditor runs, as its own process (start-up and TypeScript loading included).
    const t3 = performance.now();
    const cli = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli/verify.ts'), file, '--key-id', signer.keyId], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const cliMs = performance.now() - t3;
    if (cli.status !== 0) throw new Error(`verify CLI exited ${cli.status}: ${cli.stdout}${cli.stderr}`);
    return { ms, cpuMs, cliMs, exportMs, bytes: statSync(file).size, fillMs };
  } finally {
    await place.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 200_000);
  benchVerify({ count }).then((r) => console.log('verify', JSON.stringify(r)));
}
