import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { verifyServerSig } from '../../../protocol/receipt';
import { ARCHIVE_FORMAT, EXPORT_PATH, MANIFEST_PATH, type ArchiveManifest } from '../archive';
import { verifyExportLines } from './index';
import { note, type CheckResult } from './state';
import { ZipReader } from './zip-read';

const result = (name: string, problems: string[], detail: string): CheckResult => ({ name, ok: problems.length === 0, detail, problems });

/** True when the file starts as a ZIP archive does (a local file header). */
export async function isZipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    return b.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

/**
 * Verifies an evidence archive (归档) with no server: every check of the export it holds, then its
 * manifest — signed with the export's server key, cut at the export's log — and every file against
 * the manifest: each listed file is there with its size and SHA-256, each blob's name is its own
 * SHA-256, nothing unlisted is in the archive, and every attachment a record names is in it.
 */
export async function verifyArchiveFile(path: string, opts: { expectedKeyId?: string } = {}): Promise<CheckResult[]> {
  const zip = await ZipReader.open(path);
  try {
    const exported = zip.entries.get(EXPORT_PATH);
    if (!exported) return [result('archive', [`the archive holds no ${EXPORT_PATH}`], 'not an evidence archive')];
    // What the manifest is checked against, taken from the export's lines on their way to the verifier.
    let serverJwk: unknown = null;
    let header: { logSize?: number; logRoot?: string; campaignId?: string } = {};
    const named = new Set<string>();
    async function* lines(): AsyncGenerator<string> {
      for await (const line of createInterface({ input: await zip.stream(exported!), crlfDelay: Infinity })) {
        if (line.startsWith('{"kind":"record"')) {
          if (line.includes('"attachments":[{')) {
            const atts = (JSON.parse(line) as { record?: { attachments?: { sha256?: unknown }[] } }).record?.attachments ?? [];
            for (const a of atts) if (typeof a.sha256 === 'string') named.add(a.sha256);
          }
        } else if (line.startsWith('{"kind":"server-key"')) serverJwk = (JSON.parse(line) as { jwk: unknown }).jwk;
        else if (line.startsWith('{"kind":"export"')) header = JSON.parse(line) as typeof header;
        yield line;
      }
    }
    const checks = await verifyExportLines(lines(), opts);
    return [...checks, ...(await checkManifest(zip, serverJwk, header, named))];
  } finally {
    await zip.close();
  }
}

async function readAll(zip: ZipReader, path: string): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of await zip.stream(zip.entries.get(path)!)) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

async function digest(zip: ZipReader, path: string): Promise<{ bytes: number; sha256: string }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const c of await zip.stream(zip.entries.get(path)!)) {
    h.update(c as Buffer);
    bytes += (c as Buffer).length;
  }
  return { bytes, sha256: h.digest('hex') };
}

async function checkManifest(
  zip: ZipReader,
  serverJwk: unknown,
  header: { logSize?: number; logRoot?: string; campaignId?: string },
  named: Set<string>,
): Promise<CheckResult[]> {
  const p: string[] = [];
  if (!zip.entries.has(MANIFEST_PATH)) return [result('archive manifest', [`the archive holds no ${MANIFEST_PATH}`], 'missing')];
  let signed: { manifest?: ArchiveManifest; serverSig?: unknown };
  try {
    signed = JSON.parse(await readAll(zip, MANIFEST_PATH)) as typeof signed;
  } catch {
    return [result('archive manifest', [`${MANIFEST_PATH} is not JSON`], 'unreadable')];
  }
  const m = signed.manifest;
  if (!m || typeof m !== 'object' || m.format !== ARCHIVE_FORMAT || !Array.isArray(m.files) || !Array.isArray(m.blobs))
    return [result('archive manifest', [`${MANIFEST_PATH} is not a ${ARCHIVE_FORMAT} manifest`], 'unreadable')];
  if (typeof signed.serverSig !== 'string' || !(await verifyServerSig(m, signed.serverSig, serverJwk)))
    note(p, 'the manifest is not signed by the server key of the export');
  if (m.campaignId !== header.campaignId || m.logSize !== header.logSize || m.logRoot !== header.logRoot)
    note(p, `the manifest names campaign ${m.campaignId} at log ${m.logSize}, the export ${header.campaignId} at ${header.logSize}`);
  for (const sha of m.missingBlobs ?? []) note(p, `blob ${sha} is named by a record but the server did not hold it`);
  const manifestResult = result('archive manifest', p, `${m.files.length} files, ${m.blobs.length} blobs, signed, cut at log ${m.logSize}`);

  const f: string[] = [];
  const listed = new Set<string>();
  for (const file of m.files) {
    listed.add(file.path);
    if (!zip.entries.has(file.path)) {
      note(f, `${file.path} is listed but not in the archive`);
      continue;
    }
    const got = await digest(zip, file.path);
    if (got.sha256 !== file.sha256 || got.bytes !== file.bytes) note(f, `${file.path}: its bytes are not those of the manifest (SHA-256 ${got.sha256})`);
    const blob = /^blobs\/([0-9a-f]{64})$/.exec(file.path);
    if (blob && got.sha256 !== blob[1]) note(f, `${file.path}: its SHA-256 is ${got.sha256}, not its name`);
  }
  for (const path of zip.entries.keys()) if (path !== MANIFEST_PATH && !listed.has(path)) note(f, `${path} is in the archive but not in the manifest`);
  for (const sha of named) if (!listed.has(`blobs/${sha}`)) note(f, `blob ${sha}, named by a record of the export, is not in the archive`);
  const blobs = m.files.filter((x) => x.path.startsWith('blobs/')).length;
  return [manifestResult, result('archive files', f, `${m.files.length} files checked against the manifest, ${blobs} blobs by their SHA-256`)];
}
