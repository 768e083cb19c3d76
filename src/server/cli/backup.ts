import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import type { AdminIo } from './admin';

/**
 * `npm run admin -- backup --out <file>`: an online backup of the SQLite store, taken while the
 * server runs and batches arrive. better-sqlite3's backup() copies the database page by page;
 * SQLite restarts it when another connection writes meanwhile, so the copy is always one
 * committed state. Every step here asks for all remaining pages at once, so the copy catches up
 * with a busy server instead of chasing it. The copy is then checked (integrity_check, the audit
 * log's size against its leaves) before it is reported.
 */
export async function backup(args: string[], { env, out }: AdminIo): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw new Error('say where to write the copy: --out <file>');
  const config = loadConfig(env);
  if (config.database.kind !== 'sqlite') {
    throw new Error('the store is PostgreSQL: back it up with pg_dump (see README.md, "Operating it")');
  }
  if (existsSync(values.out)) throw new Error(`${values.out} exists already; name a new file`);
  if (!existsSync(config.database.file)) throw new Error(`there is no store at ${config.database.file}`);
  const source = new Database(config.database.file, { fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  const started = Date.now();
  try {
    await source.backup(values.out, { progress: () => 1_000_000 });
  } catch (e) {
    rmSync(values.out, { force: true });
    throw e;
  } finally {
    source.close();
  }
  const copy = new Database(values.out, { fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    const { size, root } = copy.prepare('select size, root from log_state where id = 1').get() as { size: number; root: string };
    const leaves = (copy.prepare('select count(*) as n from log_leaves').get() as { n: number }).n;
    const records = (copy.prepare('select count(*) as n from records').get() as { n: number }).n;
    if (integrity !== 'ok' || leaves !== size)
      throw new Error(`the copy at ${values.out} does not check out (integrity: ${String(integrity)}, log size ${size}, leaves ${leaves})`);
    out(
      `Backup written to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${records} records, audit log size ${size}, root ${root}; integrity ok.`,
    );
    out(`Keep it with the data directory's server-key.jwk: the copy's receipts and tallies are signed with that key.`);
  } finally {
    copy.close();
  }
}
