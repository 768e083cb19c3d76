import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enrollDevice, f2fs, type TestDevice } from './device';
import { startServer, type Place, type TestServer } from './harness';
import { expectReceipt, storedActions, storedRecords } from './helpers';

// The data directory's disk fills up (SQLite on a small tmpfs of its own, as a full partition
// would): batches are answered 507 storage-full, the log says so once with the path and the free
// space, the office sees the space, and ingest resumes by itself once space is freed.
describe('a full disk under the SQLite store', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'pingyi-full-'));
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');
  const warned: string[] = [];
  let server: TestServer;
  let device: TestDevice;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint]);
    mkdirSync(dataDir);
    vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void warned.push(String(line)));
    const place: Place = { dataDir, destroy: async () => {} };
    server = await startServer(place);
    device = await enrollDevice(server);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  /** Writes a file until the disk refuses more. */
  function fillDisk(): void {
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(16 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
  }

  it('answers 507 storage-full, logs it once with the path and free space, reports the space, and resumes when space returns', async () => {
    const first = await device.batch(await f2fs(device, 50));
    await expectReceipt(server, await device.send(first), first, 'accepted', 50);
    const roomy = await server.admin('/api/v1/admin/status');
    expect(roomy.status).toBe(200);
    expect(roomy.body).toMatchObject({ database: 'sqlite', fault: null });
    expect(roomy.body.storage.totalBytes).toBeGreaterThan(7 * 1024 * 1024);
    expect(roomy.body.storage.totalBytes).toBeLessThanOrEqual(8 * 1024 * 1024);

    fillDisk();
    // The log and the database keep some room of their own: batches go on until one needs a new
    // page. From then on that batch is refused whole, as a server problem, each time it is sent.
    let stored = 50;
    let refused: Awaited<ReturnType<TestDevice['batch']>> | undefined;
    const post = async (batch: unknown) =>
      fetch(`${server.url}/api/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    for (let i = 0; i < 40 && !refused; i++) {
      const batch = await device.batch(await f2fs(device, 200));
      const res = await post(batch);
      if (res.status === 507) refused = batch;
      else {
        await expectReceipt(server, { status: res.status, body: await res.json() }, batch, 'accepted', 200);
        stored += 200;
      }
    }
    expect(refused, 'the disk never filled').toBeDefined();
    for (let i = 0; i < 3; i++) {
      const res = await post(refused);
      expect(res.status).toBe(507);
      expect(await res.json()).toMatchObject({ error: 'storage-full' });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const full = warned.filter((l) => l.startsWith('Storage full at '));
    expect(full, warned.join('\n')).toHaveLength(1);
    expect(full[0]).toContain(join(dataDir, 'pingyi.sqlite'));
    expect(full[0]).toMatch(/[\d.]+ MiB free of 8\.0 MiB \(SQLITE_FULL /);
    expect(warned.join('\n')).not.toContain('cannot rollback');
    const status = await server.admin('/api/v1/admin/status');
    expect(status.body.fault).toBe('storage-full');
    expect(status.body.storage.freeBytes / status.body.storage.totalBytes).toBeLessThan(0.05);
    expect(await storedRecords(server, device.deviceId)).toHaveLength(stored);

    // Space comes back: the refused batch goes through as it is, with nothing lost.
    rmSync(filler);
    await expectReceipt(server, await device.send(refused), refused!, 'accepted', 200);
    stored += 200;
    expect(warned.filter((l) => l.startsWith('Storage has room again at '))).toHaveLength(1);
    expect((await server.admin('/api/v1/admin/status')).body.fault).toBeNull();
    const seqs = (await storedRecords(server, device.deviceId)).map((r) => r.record.seq);
    expect(seqs).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
    expect((await server.store.logHead()).size).toBe(stored + (await storedActions(server)).length);
  });
});
