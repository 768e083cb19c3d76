import type { Writable } from 'node:stream';
import type { ServerSigner } from '../secrets';
import { archiveReadme } from './archive-readme';
import { jsonlExport, type ExportCut } from './export-jsonl';
import { PAGE } from './export-source';
import type { OfficeDb } from './tables';
import { ZipWriter, type ZipEntryInfo } from './zip-write';

/** The archive's format name, in its manifest. */
export const ARCHIVE_FORMAT = 'pingyi-archive/1';
export const MANIFEST_PATH = 'manifest.json';
export const EXPORT_PATH = 'export.jsonl';

/** A blob the campaign's records name, as the manifest lists it. */
export interface ArchivedBlob {
  sha256: string;
  bytes: number;
  mime: string | null;
  sealed: boolean;
  /** Hashes of the records that name it. */
  records: string[];
}

/**
 * What manifest.json holds: every other file of the archive with its size and SHA-256, the blobs,
 * and where the archive was cut. The file is `{ "manifest": …, "serverSig": … }`, signed like a
 * tally with the server key that export.jsonl carries.
 */
export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  campaignId: string;
  createdAt: string;
  logSize: number;
  logRoot: string;
  serverKeyId: string;
  files: ZipEntryInfo[];
  blobs: ArchivedBlob[];
  /** Blobs a record names that the server does not hold (none, normally). */
  missingBlobs: string[];
}

/** The blobs named by the campaign's records below the cut, read from the records that carry attachments. */
async function namedBlobs(db: OfficeDb, campaignId: string, below: number): Promise<ArchivedBlob[]> {
  const out = new Map<string, ArchivedBlob>();
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('records')
      .select(['log_idx', 'hash', 'canon'])
      .where('campaign_id', '=', campaignId)
      .where('log_idx', '>', after)
      .where('log_idx', '<', below)
      .where('canon', 'like', '%"attachments":[{%')
      .orderBy('log_idx')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const atts = (JSON.parse(r.canon) as { attachments?: { sha256: string; mime?: string; sealed?: boolean }[] }).attachments ?? [];
      for (const a of atts) {
        const b = out.get(a.sha256) ?? { sha256: a.sha256, bytes: 0, mime: a.mime ?? null, sealed: a.sealed === true, records: [] };
        if (!b.records.includes(r.hash)) b.records.push(r.hash);
        out.set(a.sha256, b);
      }
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.log_idx;
  }
  return [...out.values()];
}

/** The campaign's office actions and the server-wide ones below the cut, a line each, a page at a time. */
async function* actionLines(db: OfficeDb, campaignId: string, below: number): AsyncGenerator<string> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('office_actions')
      .select(['log_idx', 'hash', 'canon'])
      .where((eb) => eb.or([eb('campaign_id', '=', campaignId), eb('campaign_id', 'is', null)]))
      .where('log_idx', '>', after)
      .where('log_idx', '<', below)
      .orderBy('log_idx')
      .limit(PAGE)
      .execute();
    let buf = '';
    for (const r of rows) buf += `{"hash":"${r.hash}","logIndex":${r.log_idx},"action":${r.canon}}\n`;
    if (buf) yield buf;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.log_idx;
  }
}

/**
 * Writes the evidence archive (归档) of a campaign to `out` as a ZIP, streamed: README.txt,
 * export.jsonl (the verifiable export, cut at `cut`), every campaign version, the office actions,
 * every blob its records name exactly as stored (sealed ones stay encrypted), and last the signed
 * manifest. Memory holds one page of rows or one blob at a time, and the list of blobs.
 */
export async function writeArchive(db: OfficeDb, signer: ServerSigner, cut: ExportCut, out: Writable): Promise<ArchiveManifest> {
  const { campaign, log } = cut.inputs;
  const zip = new ZipWriter(out, new Date(cut.exportedAt));
  const files: ZipEntryInfo[] = [];
  files.push(await zip.add('README.txt', [archiveReadme({ campaignId: campaign.id, name: campaign.name, cut, keyId: signer.keyId })], true));
  files.push(await zip.add(EXPORT_PATH, jsonlExport(db, signer, cut), true));
  const versions = await db
    .selectFrom('campaign_versions')
    .select(['version', 'definition', 'hash', 'at', 'actor'])
    .where('campaign_id', '=', campaign.id)
    // The versions up to the one in force at the cut: one saved while the archive streams is not in it.
    .where('version', '<=', cut.inputs.version.number)
    .orderBy('version')
    .execute();
  for (const v of versions) files.push(await zip.add(`campaign-versions/${v.version}.json`, [v.definition], true));
  files.push(
    await zip.add(
      'campaign-versions/index.json',
      [
        JSON.stringify(
          versions.map(({ definition: _, ...v }) => v),
          null,
          1,
        ),
      ],
      true,
    ),
  );
  files.push(await zip.add('office-actions.jsonl', actionLines(db, campaign.id, log.size), true));

  const blobs = await namedBlobs(db, campaign.id, log.size);
  const missingBlobs: string[] = [];
  for (const b of blobs) {
    const row = await db.selectFrom('blobs').select(['data', 'bytes']).where('sha256', '=', b.sha256).executeTakeFirst();
    if (!row) {
      missingBlobs.push(b.sha256);
      continue;
    }
    b.bytes = Number(row.bytes);
    // Exactly the stored bytes: a sealed photo stays ciphertext (enc ‖ AES-256-GCM output).
    files.push(await zip.add(`blobs/${b.sha256}`, [new Uint8Array(row.data)], false));
  }

  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    campaignId: campaign.id,
    createdAt: cut.exportedAt,
    logSize: log.size,
    logRoot: log.root,
    serverKeyId: signer.keyId,
    files,
    blobs: blobs.filter((b) => !missingBlobs.includes(b.sha256)),
    missingBlobs,
  };
  await zip.add(MANIFEST_PATH, [JSON.stringify({ manifest, serverSig: signer.sign(manifest) }, null, 1)], true);
  await zip.finish();
  return manifest;
}
