import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/server/store/checkpointer';
import { PAGE_SIZE } from '../../src/server/store/open';
import { enrollDevice, f2fs } from './device';
import { sqliteBackend, startServer, type Place, type TestServer } from './harness';
import { storedRecords } from './helpers';

const size = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

describe('SQLite WAL checkpoints on a worker thread (the server store)', () => {
  let place: Place;
  let server: TestServer;
  const file = () => join(place.dataDir, 'pingyi.sqlite');
  beforeAll(async () => {
    place = await sqliteBackend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('moves committed pages into the database file beside the writer, and the log is reused', async () => {
    const d = await enrollDevice(server);
    const before = size(file());
    const pause = () => new Promise((r) => setTimeout(r, 20));
    const grown = async (than: number) => {
      const deadline = Date.now() + 5000;
      while (size(file()) <= than && Date.now() < deadline) await pause();
    };
    /** Until the file has grown past `than` and then kept its size for 600 ms (a checkpoint has ended). */
    const checkpointed = async (than: number) => {
      await grown(than);
      const deadline = Date.now() + 10_000;
      let last = size(file());
      let still = Date.now();
      while (Date.now() - still < 600 && Date.now() < deadline) {
        await pause();
        if (size(file()) !== last) [last, still] = [size(file()), Date.now()];
      }
    };
    for (let i = 0; i < 4; i++) {
      const sent = size(file());
      const r = await d.send(await d.batch(await f2fs(d, 500)));
      expect(r.status).toBe(200);
      // A checkpoint begins at most every 250 ms: each batch reaches the file before the next is
      // sent, so the log holds one batch's pages at a time and is reused. On a loaded machine a
      // checkpoint can take longer than one interval: the next batch waits until it has ended.
      await checkpointed(sent);
    }
    // The server's own connection checkpoints only past 40 MiB of log; these ~2,000
    // records reach the database file through the worker.
    await grown(before + 2 * 1024 * 1024);
    expect(size(file())).toBeGreaterThan(before + 2 * 1024 * 1024);
    expect(size(file() + '-wal')).toBeLessThan(size(file()));
  });

  it('keeps every record across a restart', async () => {
    const count = (await storedRecords(server)).length;
    expect(count).toBe(2000);
    await server.close();
    server = await startServer(place);
    expect(await storedRecords(server)).toHaveLength(count);
    const d = await enrollDevice(server);
    expect((await d.send(await d.batch(await f2fs(d, 10)))).status).toBe(200);
  });

  it('creates the store with 16 KiB pages', () => {
    expect(PAGE_SIZE).toBe(16_384);
    const raw = new Database(file(), { readonly: true });
    try {
      expect(raw.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    } finally {
      raw.close();
    }
  });

  it('reports a worker that cannot work, once, so that commits checkpoint the log again', async () => {
    const failures: Error[] = [];
    const checkpointer = startCheckpointer(join(place.dataDir, 'no-such-dir', 'x.sqlite'), (e) => failures.push(e));
    const deadline = Date.now() + 5000;
    while (failures.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    checkpointer.committed(); // harmless once failed
    await checkpointer.stop();
    expect(failures).toHaveLength(1);
  });
});
