import type { Tally } from '../../domain/scoring';
import { PROTOCOL } from '../../protocol/canon';
import { EXPORT_FORMAT, LEAVES_PER_LINE, type Checkpoint, type DeviceExport, type ExportLine } from '../../protocol/export';
import type { ServerSigner } from '../secrets';
import { batchesAtCut, devicesAtCut, logPositions } from './export-source';
import { signCheckpoint } from './log-proofs';
import { readTallyInputsIn, tallyOf, type AggregateCache, type TallyInputs } from './tally-snapshot';
import type { OfficeDb } from './tables';

/** The moment an export is cut at: the tally inputs and the devices read together with the log head, signed. */
export interface ExportCut {
  exportedAt: string;
  inputs: TallyInputs;
  /**
   * The campaign's devices with their heads at the cut. Device rows change in place (a revocation,
   * an enrollment), so they are read in the cut's transaction: a device revoked or enrolled while
   * the export streams is as it was at the cut, like the log its revocation action is a leaf of.
   */
  devices: DeviceExport[];
  tally: Tally;
  tallySig: string;
  checkpoint: Checkpoint;
  checkpointSig: string;
}

/**
 * Reads the tally inputs, the log head and the devices in one read transaction (PostgreSQL:
 * repeatable read; SQLite: the transaction holds the database) and signs the tally and the
 * checkpoint; undefined for an unknown campaign. What the export reads after it (records, batches,
 * office actions, leaves) is the append-only log below that size.
 */
export async function cutExport(db: OfficeDb, signer: ServerSigner, campaignId: string, now: string, cache?: AggregateCache): Promise<ExportCut | undefined> {
  const read = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const inputs = await readTallyInputsIn(tx, campaignId, cache);
      return inputs && { inputs, devices: await devicesAtCut(tx, campaignId, inputs.log.size) };
    });
  if (!read) return undefined;
  const { inputs, devices } = read;
  const tally = tallyOf(inputs, now);
  const { checkpoint, signed } = signCheckpoint(signer, inputs.log.size, inputs.log.root);
  return { exportedAt: now, inputs, devices, tally, tallySig: signer.sign(tally), checkpoint, checkpointSig: signed };
}

const line = (x: ExportLine) => JSON.stringify(x) + '\n';

/** The definitions of a campaign's versions before `version`, oldest first, exactly as stored. */
async function earlierVersions(db: OfficeDb, campaignId: string, version: number): Promise<Record<string, unknown>[]> {
  const rows = await db
    .selectFrom('campaign_versions')
    .select('definition')
    .where('campaign_id', '=', campaignId)
    .where('version', '<', version)
    .orderBy('version')
    .execute();
  return rows.map((r) => JSON.parse(r.definition) as Record<string, unknown>);
}

/** Collects lines into chunks of about this many characters before handing them to the stream. */
const CHUNK = 256 * 1024;

/**
 * The verifiable JSONL export (src/protocol/export.ts describes the lines), as text chunks. Records
 * are written from their stored canonical text untouched, so the bytes hashed into the log are the
 * bytes the auditor hashes. Everything is cut at the log size of `cut`: later records are left out.
 */
export async function* jsonlExport(db: OfficeDb, signer: ServerSigner, cut: ExportCut): AsyncGenerator<string> {
  const { campaign, log, manual, version, vetoes } = cut.inputs;
  let buf = '';
  const counts = { devices: 0, batches: 0, records: 0, actions: 0, leaves: 0 };
  buf += line({
    kind: 'export',
    format: EXPORT_FORMAT,
    protocol: PROTOCOL,
    campaignId: campaign.id,
    exportedAt: cut.exportedAt,
    logSize: log.size,
    logRoot: log.root,
  });
  buf += line({ kind: 'server-key', alg: signer.alg, jwk: { ...signer.jwk }, keyId: signer.keyId });
  buf += line({ kind: 'campaign', campaign: version.definition, earlier: await earlierVersions(db, campaign.id, version.number) });
  const { devices } = cut;
  for (const d of devices) buf += line(d);
  counts.devices = devices.length;
  for await (const b of batchesAtCut(db, devices)) {
    buf += line({ kind: 'batch', header: b.header, sig: b.sig, receivedAt: b.receivedAt });
    counts.batches++;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }

  // A run of consecutive positions held by other campaigns, written as one `leaves` line.
  const run = { from: 0, hashes: [] as string[] };
  const flushRun = () => {
    if (run.hashes.length > 0) buf += line({ kind: 'leaves', from: run.from, hashes: run.hashes });
    run.hashes = [];
  };
  for await (const p of logPositions(db, campaign.id, log.size)) {
    if (p.own) {
      flushRun();
      // The stored canonical text is valid JSON: spliced in as is, never re-serialised.
      buf += `{"kind":"record","logIdx":${p.logIdx},"receivedAt":${JSON.stringify(p.own.receivedAt)},"record":${p.own.canon}}\n`;
      counts.records++;
    } else if (p.action !== undefined) {
      flushRun();
      // An office action of this campaign or of the whole server, its canonical text as logged.
      buf += `{"kind":"action","logIdx":${p.logIdx},"action":${p.action}}\n`;
      counts.actions++;
    } else {
      if (run.hashes.length >= LEAVES_PER_LINE) flushRun();
      if (run.hashes.length === 0) run.from = p.logIdx;
      run.hashes.push(p.leafHash);
      counts.leaves++;
    }
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  flushRun();

  const m = manual?.value ?? { scores: {}, bonusRanking: [] };
  buf += line({ kind: 'manual-scores', scores: m.scores, bonusRanking: m.bonusRanking, updatedAt: manual?.setAt ?? null });
  buf += line({ kind: 'vetoes', vetoes: vetoes?.vetoes ?? {}, updatedAt: vetoes?.setAt ?? null });
  buf += line({ kind: 'checkpoint', checkpoint: cut.checkpoint, serverSig: cut.checkpointSig });
  buf += line({ kind: 'tally', tally: { ...cut.tally }, serverSig: cut.tallySig });
  buf += line({ kind: 'end', ...counts });
  yield buf;
}
