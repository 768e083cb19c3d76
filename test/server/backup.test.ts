import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/server/cli/admin';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { enrollDevice, f2fs, type TestDevice } from './device';
import { postJson, serverProgram, sqliteBackend, startServer, type Place, type TestServer } from './harness';
import { expectReceipt } from './helpers';

async function admin(place: Place, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { env: { PINGYI_DATA_DIR: place.dataDir }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `npm run admin -- …` in a process of its own (the compiled admin CLI). */
function adminProcess(place: Place, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [serverProgram('admin'), ...argv],
      { cwd: ROOT, env: { ...process.env, PINGYI_DATA_DIR: place.dataDir } },
      (e, stdout, stderr) =>
        e && typeof e.code !== 'number' ? reject(e) : resolve({ code: typeof e?.code === 'number' ? e.code : 0, out: stdout.trim(), err: stderr.trim() }),
    );
  });
}
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

// README "Operating it": `npm run admin -- backup --out <file>` while tablets send, then the copy
// restored into a data directory of its own, served, exported and verified offline.
describe('online backup of the SQLite store', () => {
  let place: Place;
  let restored: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await sqliteBackend.create();
    restored = await sqliteBackend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
    await restored?.destroy();
  });

  it('copies one committed state while batches arrive; the restored copy serves and its export verifies', async () => {
    const devices: TestDevice[] = await Promise.all([enrollDevice(server), enrollDevice(server, 'ES256'), enrollDevice(server)]);
    // A store with some history before the copy.
    for (const d of devices) {
      const b = await d.batch(await f2fs(d, 300));
      await expectReceipt(server, await d.send(b), b, 'accepted', 300);
    }
    // A reader that stays open (an office export, say) holds the checkpoints back: what arrives
    // from now on lives only in the write-ahead log, which a copy of the database file misses.
    const reader = new Database(join(place.dataDir, 'pingyi.sqlite'), { readonly: true });
    reader.prepare('begin').run();
    reader.prepare('select count(*) from records').get();
    let sending = true;
    let receiptedBefore = 0;
    let receiptedDuring = 0;
    let receiptedAfter = 0;
    let counting: 'before' | 'during' | 'after' = 'before';
    const senders = devices.map(async (d) => {
      while (sending) {
        const b = await d.batch(await f2fs(d, 50));
        await expectReceipt(server, await d.send(b), b, 'accepted', 50);
        if (counting === 'before') receiptedBefore += 50;
        else if (counting === 'during') receiptedDuring += 50;
        else receiptedAfter += 50;
      }
    });
    while (receiptedBefore < 300) await new Promise((r) => setTimeout(r, 20));
    const file = join(restored.dataDir, 'backup.sqlite');
    counting = 'during';
    // The command as an operator runs it: its own process beside the serving one.
    const taken = await adminProcess(place, 'backup', '--out', file);
    counting = 'after';
    reader.prepare('commit').run();
    reader.close();
    // Batches go on after the copy too.
    while (receiptedAfter === 0) await new Promise((r) => setTimeout(r, 20));
    sending = false;
    await Promise.all(senders);
    expect(taken.code, taken.err).toBe(0);
    expect(taken.out).toMatch(/^Backup written to .*backup\.sqlite in [\d.]+ s: \d+ records, audit log size \d+, root [0-9a-f]{64}; integrity ok\./);
    expect(receiptedDuring, 'no batch arrived while the copy was taken').toBeGreaterThan(0);

    // The copy: one committed state, holding at least everything receipted before it began.
    const copy = new Database(file, { readonly: true });
    const n = (copy.prepare('select count(*) as n from records').get() as { n: number }).n;
    const head = copy.prepare('select size, root from log_state').get() as { size: number; root: string };
    const actions = (copy.prepare('select count(*) as n from office_actions').get() as { n: number }).n;
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(n + actions).toBe(head.size);
    expect(n).toBeGreaterThanOrEqual(900 + receiptedBefore);
    expect(n).toBeLessThan((await server.store.logHead()).size);

    // Restore: the copy as pingyi.sqlite beside the server key, in a data directory of its own.
    mkdirSync(restored.dataDir, { recursive: true });
    copyFileSync(file, join(restored.dataDir, 'pingyi.sqlite'));
    copyFileSync(join(place.dataDir, 'server-key.jwk'), join(restored.dataDir, 'server-key.jwk'));
    expect(existsSync(join(restored.dataDir, 'pingyi.sqlite'))).toBe(true);
    const again = await startServer(restored);
    try {
      expect(again.signer.keyId).toBe(server.signer.keyId);
      expect(await again.store.logHead()).toEqual({ size: head.size, root: head.root });
      const res = await fetch(`${again.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${again.adminToken}` } });
      expect(res.status).toBe(200);
      const results = await verifyExportLines((await res.text()).trimEnd().split('\n'), { expectedKeyId: server.signer.keyId });
      expect(results.filter((x) => !x.ok)).toEqual([]);
      // The restored server takes each tablet's next batch where the copy's chain ends (chain-gap says where).
      const d = devices[0]!;
      const next = await d.batch(await f2fs(d, 1));
      const gap = await postJson(`${again.url}/api/v1/batches`, next);
      expect(gap.status).toBe(409);
      expect(gap.body.error).toBe('chain-gap');
    } finally {
      await again.close();
    }
  });

  it('refuses to write over a file, and says what to use on PostgreSQL', async () => {
    const file = join(restored.dataDir, 'backup.sqlite');
    const twice = await admin(place, 'backup', '--out', file);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('exists already');
    const pg = await runAdmin(['backup', '--out', join(restored.dataDir, 'x.sqlite')], {
      env: { PINGYI_DATA_DIR: place.dataDir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      out: () => {},
      err: (l) => expect(l).toContain('pg_dump'),
    });
    expect(pg).toBe(1);
  });
});
