import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from '../../src/domain/ids';
import type { UnsealedRecord } from '../../src/domain/records';
import { chainRecords, signBatch } from '../../src/protocol/build';
import { canonString, ZERO } from '../../src/protocol/canon';
import { jwkThumbprint, minimalJwk, type PublicJwk } from '../../src/protocol/keys';
import { writeArchive } from '../../src/server/office/archive';
import { cutExport, jsonlExport } from '../../src/server/office/export-jsonl';
import type { OfficeTables } from '../../src/server/office/tables';
import { verifyArchiveFile } from '../../src/server/office/verify/archive';
import { loadServerSigner } from '../../src/server/secrets';
import { projectF2f } from '../../src/server/ingest/projection';
import { openStore } from '../../src/server/store/kysely-store';
import type { Store } from '../../src/server/store/types';
import type { Campaign } from '../../src/domain/campaign';
import { fillCampaign } from './office-fill';
import { scratchStore } from './tally';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One inspector's tablet with `photos` open findings, each carrying one JPEG-like photo of `bytes` bytes. */
async function fillPhotos(store: Store, campaign: Campaign, photos: number, bytes: number): Promise<void> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicJwk = minimalJwk((await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk);
  const keyId = await jwkThumbprint(publicJwk);
  const now = new Date().toISOString();
  const code = `BENCHPHOTO${Date.now().toString(36).toUpperCase()}`;
  await store.createEnrollmentCode(
    {
      code,
      campaignId: campaign.id,
      role: 'inspector',
      collector: '检查员',
      createdAt: now,
      expiresAt: '2099-01-01T00:00:00.000Z',
      usedAt: null,
      deviceId: null,
    },
    'admin-cli',
  );
  const device = await store.enrollDevice(code, { deviceId: 'bench-photos', label: 'photos', alg: 'Ed25519', keyId, publicJwk }, now);
  if (device === 'code-used') throw new Error('enrollment code reused');
  const key = { deviceId: device.deviceId, keyId, alg: 'Ed25519' as const, privateKey: pair.privateKey };
  let prev = ZERO;
  const start = Date.parse('2026-07-01T01:00:00.000Z');
  for (let from = 0; from < photos; from += 100) {
    const unsealed: UnsealedRecord[] = [];
    for (let i = from; i < Math.min(photos, from + 100); i++) {
      const photo = randomBytes(bytes);
      photo.set([0xff, 0xd8, 0xff, 0xe0]);
      const sha256 = createHash('sha256').update(photo).digest('hex');
      await store.putBlob({ sha256, data: photo, mime: 'image/jpeg', deviceId: device.deviceId, receivedAt: now });
      const at = new Date(start + i * 600_000).toISOString();
      unsealed.push({
        v: 1,
        type: 'visit',
        id: uuidv7(start + i * 600_000),
        campaignId: campaign.id,
        deviceId: device.deviceId,
        collector: device.collector,
        createdAt: at,
        body: { unitId: campaign.units[i % campaign.units.length]!.id, mode: 'open', visitedAt: at, categories: ['attitude'], severity: 'minor' },
        attachments: [{ sha256, bytes, mime: 'image/jpeg', sealed: false }],
      } as UnsealedRecord);
    }
    const { records, hashes, headHash } = await chainRecords(unsealed, { startSeq: from + 1, prevHash: prev, sealedAt: (i) => unsealed[i]!.createdAt });
    prev = headHash;
    const batch = await signBatch(records, key, now);
    const checked = records.map((record, index) => ({ index, record, hash: hashes[index]!, canon: canonString(record), units: [String(record.body.unitId)] }));
    await store.ingest((tx) =>
      tx.append({ deviceId: device.deviceId, header: batch.header, sig: batch.sig, receivedAt: now, records: checked, projection: projectF2f(checked) }),
    );
  }
}

/** What one child process measured: wall time, bytes written, its peak resident memory. */
interface ChildFigure {
  ms: number;
  bytes: number;
  maxRssMiB: number;
  ok?: boolean;
  failed?: string;
}

function child(mode: 'jsonl' | 'zip' | 'verify', dir: string, campaignId: string): ChildFigure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/bench/archive.ts'), 'child', mode, dir, campaignId], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${mode} child exited ${r.status}: ${r.stdout}${r.stderr}`);
  return JSON.parse(line) as ChildFigure;
}

/**
 * The evidence archive of a 100-unit campaign with `count` (200,000) questionnaires and `photos`
 * (1,000) photos, beside the plain JSONL export of the same store in the same run: each written to
 * a file by a process of its own (so that its peak RSS is its own), then the archive verified by
 * a third (`npm run verify` of the archive). SQLite.
 */
export async function benchArchive(o: { count?: number; photos?: number; photoBytes?: number } = {}) {
  const count = o.count ?? 200_000;
  const photos = o.photos ?? 1000;
  const photoBytes = o.photoBytes ?? 200_000;
  const place = await scratchStore('sqlite');
  try {
    const campaign = await fillCampaign(place.store, count);
    await fillPhotos(place.store, campaign, photos, photoBytes);
    await place.store.close();
    const jsonl = child('jsonl', place.dir, campaign.id);
    const zip = child('zip', place.dir, campaign.id);
    const verify = child('verify', place.dir, campaign.id);
    if (!verify.ok) throw new Error(`the archive did not verify: ${verify.failed ?? ''}`);
    return { count, photos, photoBytes, jsonl, zip, verify };
  } finally {
    await place.remove().catch(() => undefined);
  }
}

/**
 * This process's peak resident memory: VmHWM of its own address space. Not getrusage's maxRSS,
 * which Linux carries over from the parent at spawn (a child of the process that filled the store
 * would report at least the parent's size).
 */
function peakRssMiB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** The child: opens the store, writes the export or the archive to a file (or verifies the archive), prints its figures. */
async function runChild(mode: string, dir: string, campaignId: string): Promise<void> {
  const t0 = performance.now();
  let bytes = 0;
  let ok: boolean | undefined;
  let failed: string | undefined;
  const zipFile = join(dir, 'archive.zip');
  if (mode === 'verify') {
    const results = await verifyArchiveFile(zipFile);
    ok = results.every((r) => r.ok);
    if (!ok)
      failed = results
        .filter((r) => !r.ok)
        .map((r) => `${r.name}: ${r.problems.slice(0, 3).join('; ')}`)
        .join(' | ');
    bytes = statSync(zipFile).size;
  } else {
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
    const { signer } = await loadServerSigner(dir);
    const db = store.db.withTables<OfficeTables>();
    const cut = (await cutExport(db, signer, campaignId, new Date().toISOString()))!;
    const file = mode === 'jsonl' ? join(dir, 'export.jsonl') : zipFile;
    if (mode === 'jsonl') await pipeline(Readable.from(jsonlExport(db, signer, cut)), createWriteStream(file));
    else {
      const out = createWriteStream(file);
      const closed = new Promise<void>((r) => out.on('close', () => r()));
      await writeArchive(db, signer, cut, out);
      await closed;
    }
    await store.close();
    bytes = statSync(file).size;
  }
  const figure: ChildFigure = {
    ms: performance.now() - t0,
    bytes,
    maxRssMiB: peakRssMiB(),
    ...(ok === undefined ? {} : { ok, failed }),
  };
  console.log(JSON.stringify(figure));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'child') {
    runChild(process.argv[3]!, process.argv[4]!, process.argv[5]!).then(
      () => process.exit(0),
      (e) => (console.error(e), process.exit(1)),
    );
  } else {
    benchArchive({ count: Number(process.argv[2] ?? 200_000), photos: Number(process.argv[3] ?? 1000) }).then((r) => console.log('archive', JSON.stringify(r)));
  }
}
