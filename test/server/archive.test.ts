import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { encryptBlob } from '../../src/platform/hpke';
import { isZipFile, verifyArchiveFile } from '../../src/server/office/verify/archive';
import { ZipReader } from '../../src/server/office/verify/zip-read';
import { ZipWriter } from '../../src/server/office/zip-write';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';
import { fieldDay, send } from './office-fixture';

const backends = await availableBackends();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function photo(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  crypto.getRandomValues(b.subarray(4, Math.min(n, 1000)));
  return b;
}

/** Rewrites one stored entry's bytes in place (same length), as someone editing the archive would. */
async function tamper(file: string, path: string, edit: (b: Buffer) => void): Promise<string> {
  const zip = await ZipReader.open(file);
  const e = zip.entries.get(path)!;
  expect(e.method).toBe(0);
  await zip.close();
  const all = readFileSync(file);
  const start = e.localOffset + 30 + all.readUInt16LE(e.localOffset + 26) + all.readUInt16LE(e.localOffset + 28);
  const part = all.subarray(start, start + e.compressed);
  edit(part);
  const out = file.replace(/\.zip$/, '-tampered.zip');
  writeFileSync(out, all);
  return out;
}

describe.each(backends.map((b) => [b.name, b] as const))('the evidence archive (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let dir: string;
  let file: string;
  const plain = photo(50_000);
  let sealedBytes: Uint8Array;

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    dir = mkdtempSync(join(tmpdir(), 'pingyi-archive-'));
    const { devices } = await fieldDay(server);
    const b = devices[1]!;
    const covert = b.unsealed(
      'visit',
      { unitId: 'approval', mode: 'covert', visitedAt: '2026-11-21T08:00:00.000Z', categories: ['bribe'], severity: 'grave' },
      { sealed: { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QkVGT1JF', ct: 'Q0lQSEVSVEVYVA' } },
    );
    sealedBytes = await encryptBlob(DEMO_CAMPAIGN.encryptionKey!, covert.id, photo(3000));
    covert.attachments = [{ sha256: sha256(sealedBytes), bytes: sealedBytes.length, mime: 'image/jpeg', sealed: true }];
    const open = b.unsealed(
      'visit',
      { unitId: 'brigade2', mode: 'open', visitedAt: '2026-11-21T09:00:00.000Z', categories: ['attitude'], severity: 'minor' },
      { attachments: [{ sha256: sha256(plain), bytes: plain.length, mime: 'image/jpeg', sealed: false }] },
    );
    expect((await b.uploadBlob(plain)).status).toBe(201);
    expect((await b.uploadBlob(sealedBytes)).status).toBe(201);
    await send(b, await b.seal([covert, open]));
    const res = await fetch(`${server.url}/api/v1/admin/campaigns/demo/archive`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    file = join(dir, 'archive.zip');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the export, the versions, the actions, every blob as stored and a manifest that matches them', async () => {
    expect(await isZipFile(file)).toBe(true);
    const zip = await ZipReader.open(file);
    const paths = [...zip.entries.keys()];
    expect(paths).toEqual(
      expect.arrayContaining([
        'README.txt',
        'export.jsonl',
        'campaign-versions/1.json',
        'campaign-versions/index.json',
        'office-actions.jsonl',
        `blobs/${sha256(plain)}`,
        `blobs/${sha256(sealedBytes)}`,
        'manifest.json',
      ]),
    );
    const read = async (p: string) => {
      const parts: Buffer[] = [];
      for await (const c of await zip.stream(zip.entries.get(p)!)) parts.push(c as Buffer);
      return Buffer.concat(parts);
    };
    // The sealed photo is the stored ciphertext, byte for byte.
    expect(Buffer.compare(await read(`blobs/${sha256(sealedBytes)}`), Buffer.from(sealedBytes))).toBe(0);
    const { manifest, serverSig } = JSON.parse((await read('manifest.json')).toString('utf8'));
    expect(typeof serverSig).toBe('string');
    for (const f of manifest.files) expect(sha256(await read(f.path))).toBe(f.sha256);
    expect(manifest.blobs.find((b: any) => b.sha256 === sha256(sealedBytes))).toMatchObject({ sealed: true, bytes: sealedBytes.length });
    expect((await read('README.txt')).toString('utf8')).toContain('npm run verify -- <本归档.zip>');
    const other = (await read('export.jsonl')).toString('utf8');
    expect(other).not.toContain('"campaignId":"other"');
    await zip.close();
    // A standard tool reads it too.
    expect(execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip())', file]).toString().trim()).toBe('None');

    const checks = await verifyArchiveFile(file, { expectedKeyId: server.signer.keyId });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(expect.arrayContaining(['archive manifest', 'archive files', 'tally']));
  });

  it('reports a tampered blob, a dropped blob and a forged manifest', async () => {
    const changed = await tamper(file, `blobs/${sha256(plain)}`, (b) => (b[100] = b[100]! ^ 1));
    const files = (await verifyArchiveFile(changed)).find((c) => c.name === 'archive files')!;
    expect(files.ok).toBe(false);
    expect(files.problems.join('\n')).toContain(`blobs/${sha256(plain)}: its bytes are not those of the manifest`);

    // An archive rebuilt without one blob and with a manifest that no longer lists it (unsigned by the server).
    const zip = await ZipReader.open(file);
    const out = join(dir, 'forged.zip');
    const chunks: Buffer[] = [];
    const sink = new (await import('node:stream')).PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    const w = new ZipWriter(sink, new Date());
    for (const [path, e] of zip.entries) {
      if (path === `blobs/${sha256(sealedBytes)}`) continue;
      const stream = await zip.stream(e);
      if (path !== 'manifest.json') {
        await w.add(path, stream as Readable, path.endsWith('.jsonl'));
        continue;
      }
      const parts: Buffer[] = [];
      for await (const c of stream) parts.push(c as Buffer);
      const signed = JSON.parse(Buffer.concat(parts).toString('utf8'));
      signed.manifest.files = signed.manifest.files.filter((f: any) => f.path !== `blobs/${sha256(sealedBytes)}`);
      await w.add(path, [JSON.stringify(signed)], true);
    }
    await w.finish();
    await zip.close();
    writeFileSync(out, Buffer.concat(chunks));
    const checks = await verifyArchiveFile(out);
    expect(checks.find((c) => c.name === 'archive manifest')!.problems).toContain('the manifest is not signed by the server key of the export');
    expect(checks.find((c) => c.name === 'archive files')!.problems.join('\n')).toContain(
      `blob ${sha256(sealedBytes)}, named by a record of the export, is not in the archive`,
    );
  });

  it('is for office admins only, and for campaigns that exist', async () => {
    expect((await fetch(`${server.url}/api/v1/admin/campaigns/demo/archive`)).status).toBe(401);
    expectError(await server.admin('/api/v1/admin/campaigns/nope/archive'), 404, 'not-found');
    expectError(await server.admin('/api/v1/admin/campaigns/demo/archive?x=1'), 400, 'malformed');
  });
});
