import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes the data directory the owner's only, whether it is new or already existed: the directory
 * 0700 and every file in it 0600 (the SQLite database and its -wal/-shm, the receipt key, the
 * admin token). The database file is made 0600 before SQLite opens it, so the journal files that
 * SQLite creates beside it take the same mode. Call it before opening the store and again after.
 */
export function secureDataDir(dir: string, sqliteFile?: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (sqliteFile && !existsSync(sqliteFile)) closeSync(openSync(sqliteFile, 'a', 0o600));
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isFile()) chmodSync(path, 0o600);
  }
}
