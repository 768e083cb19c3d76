import { existsSync, readFileSync } from 'node:fs';
import { verifyDrawsFile, verifyExportFile, type CheckResult, type DrawCheck } from '../office/verify/index';
import { isZipFile, verifyArchiveFile } from '../office/verify/archive';
import { verifyPublished } from '../office/verify/published';

/**
 * `npm run verify -- <export.jsonl> [--key-id <server keyId>]`: checks a verifiable export offline
 * (batch signatures, device chains, the audit log root against the signed checkpoint, the tally
 * recomputed against the signed tally). Prints a line per check; exits 1 when any fails, 2 when the
 * file cannot be read. Given an evidence archive (.zip), it checks the export inside it and then
 * the archive's signed manifest against every file and blob (office/verify/archive.ts).
 *
 * `npm run verify -- published <published.json> --key <server-key.json> [--key-id <keyId>]`: checks a
 * tally made public (公示) against the server key (office/verify/published.ts).
 *
 * `npm run verify -- draw <export.jsonl>`: recomputes every draw (随机抽取) in the export from the
 * roster and seed it logged and prints each with its picks; exits 1 when any differs.
 */
const USAGE =
  'usage: npm run verify -- <export.jsonl | archive.zip> [--key-id <server keyId>]\n       npm run verify -- published <published.json> --key <server-key.json> [--key-id <server keyId>]\n       npm run verify -- draw <export.jsonl>';

function printDraws(draws: DrawCheck[]): boolean {
  for (const d of draws) {
    console.log(`${d.ok ? 'PASS' : 'FAIL'}  draw ${d.drawId} of ${d.campaignId} (leaf ${d.logIdx}, ${d.at}, ${d.actor}), seed ${d.seed}`);
    for (const [group, ids] of Object.entries(d.recomputed)) console.log(`        ${group}: ${ids.join(', ') || '(none)'}`);
    for (const p of d.problems) console.log(`        - ${p}`);
  }
  const failed = draws.filter((d) => !d.ok).length;
  console.log(
    draws.length === 0
      ? '\nNo draw in this export.'
      : failed === 0
        ? `\nAll ${draws.length} draws recomputed.`
        : `\n${failed} of ${draws.length} draws FAILED.`,
  );
  return failed === 0;
}

function print(results: CheckResult[], ms: number): boolean {
  for (const r of results) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.detail}`);
    for (const p of r.problems) console.log(`        - ${p}`);
  }
  const ok = results.every((r) => r.ok);
  console.log(
    ok ? `\nAll ${results.length} checks passed (${ms} ms).` : `\n${results.filter((r) => !r.ok).length} of ${results.length} checks FAILED (${ms} ms).`,
  );
  return ok;
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  if (args[0] === 'draw') {
    if (args.length !== 2) {
      console.error(USAGE);
      return 2;
    }
    if (!existsSync(args[1]!)) {
      console.error(`no such file: ${args[1]}`);
      return 2;
    }
    return printDraws(await verifyDrawsFile(args[1]!)) ? 0 : 1;
  }
  const k = args.indexOf('--key-id');
  const expectedKeyId = k >= 0 ? args.splice(k, 2)[1] : undefined;
  if (args[0] === 'published') return published(args.slice(1), expectedKeyId);
  const [file, ...rest] = args;
  if (!file || rest.length > 0 || (k >= 0 && !expectedKeyId)) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  const started = performance.now();
  // An evidence archive (归档, a ZIP) is verified whole: its export, then its manifest and files.
  const results = (await isZipFile(file)) ? await verifyArchiveFile(file, { expectedKeyId }) : await verifyExportFile(file, { expectedKeyId });
  return print(results, Math.round(performance.now() - started)) ? 0 : 1;
}

/** The published-tally check: both files read as JSON. */
async function published(args: string[], expectedKeyId: string | undefined): Promise<number> {
  const k = args.indexOf('--key');
  const keyFile = k >= 0 ? args.splice(k, 2)[1] : undefined;
  const [file, ...rest] = args;
  if (!file || !keyFile || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  for (const f of [file, keyFile]) {
    if (!existsSync(f)) {
      console.error(`no such file: ${f}`);
      return 2;
    }
  }
  const started = performance.now();
  const results = await verifyPublished(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(readFileSync(keyFile, 'utf8')), expectedKeyId);
  return print(results, Math.round(performance.now() - started)) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
