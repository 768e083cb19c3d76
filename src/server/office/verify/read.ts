import { createHash, hash as oneShot } from 'node:crypto';
import type { PingyiRecord } from '../../../domain/records';
import { canon, fromHex } from '../../../protocol/canon';
import { ExportLineSchema } from '../../../protocol/export';
import { foldAnswer } from './answers';
import { note, type ReadState } from './state';

const sha256 = (parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF_PREFIX = new Uint8Array([0]);

const RECORD_PREFIX = '{"kind":"record","logIdx":';
const RECORD_SHAPE = /^\{"kind":"record","logIdx":(\d{1,15}),"receivedAt":"[0-9T:.Z-]{24}","record":\{/;

/**
 * The fast path for record lines as the server writes them: the record's bytes are hashed exactly
 * as they stand in the line, with no re-serialisation. That is sound: the device chains and the log
 * commit to SHA-256 of canon(record), so bytes that hash to a committed value are those canonical
 * bytes; anything reformatted, reordered or duplicated fails the chain and the log checks.
 */
function readRecordLine(s: ReadState, text: string): boolean {
  const m = RECORD_SHAPE.exec(text);
  if (!m || text[text.length - 1] !== '}') return false;
  const raw = text.slice(m[0].length - 1, -1);
  let record: PingyiRecord;
  try {
    record = JSON.parse(raw) as PingyiRecord;
  } catch {
    return false;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return false;
  if (!s.header || s.end) note(s.formatProblems, `line ${s.lines}: a record outside the export's body`);
  s.counts.records++;
  const logIdx = Number(m[1]);
  // One-shot hashing: at 200,000 records a Hash object per digest costs more than the digest.
  const hash = oneShot('sha256', raw, 'hex');
  setLeaf(s, logIdx, oneShot('sha256', '\u0000' + raw, 'buffer'));
  takeRecord(s, logIdx, record, hash);
  return true;
}

/** Takes one line of the export into the state. */
export function readLine(s: ReadState, text: string): void {
  s.lines++;
  if (text.startsWith(RECORD_PREFIX) && readRecordLine(s, text)) return;
  if (text.trim() === '') return;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return note(s.formatProblems, `line ${s.lines} is not JSON`);
  }
  const parsed = ExportLineSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return note(s.formatProblems, `line ${s.lines} is not an export line: ${i.path.join('.')} ${i.message}`);
  }
  const line = parsed.data;
  if (s.lines === 1 && line.kind !== 'export') note(s.formatProblems, 'the first line is not the export header');
  if (s.end && line.kind !== 'end') note(s.formatProblems, `line ${s.lines} comes after the end line`);
  switch (line.kind) {
    case 'export':
      if (s.header) return note(s.formatProblems, `line ${s.lines}: a second export header`);
      s.header = line;
      return;
    case 'server-key':
      s.serverKey = line;
      return;
    case 'campaign':
      s.campaign = line.campaign;
      s.earlierCampaigns = line.earlier;
      return;
    case 'device':
      s.counts.devices++;
      if (s.devices.has(line.deviceId)) note(s.formatProblems, `device ${line.deviceId} is listed twice`);
      s.devices.set(line.deviceId, line);
      return;
    case 'batch':
      s.counts.batches++;
      s.batches.push(line);
      return;
    case 'leaves':
      s.counts.leaves += line.hashes.length;
      line.hashes.forEach((h, i) => setLeaf(s, line.from + i, fromHex(h)));
      return;
    case 'record':
      return readRecord(s, line.logIdx, line.record as unknown as PingyiRecord);
    case 'action':
      // Hashed over its canonical form, as the server appended it.
      s.counts.actions++;
      setLeaf(s, line.logIdx, sha256([LEAF_PREFIX, canon(line.action)]));
      s.actions.push({ logIdx: line.logIdx, action: line.action });
      return;
    case 'manual-scores':
      s.manual = line;
      return;
    case 'vetoes':
      s.vetoes = line;
      return;
    case 'checkpoint':
      s.checkpoint = line;
      return;
    case 'tally':
      s.tally = line;
      return;
    case 'end':
      s.end = line;
      return;
  }
}

function setLeaf(s: ReadState, idx: number, leaf: Uint8Array): void {
  if (s.leaves.set(idx, leaf)) s.duplicateLeaves.push(idx);
}

/** A record line of any other layout: hashed over its canonical form. */
function readRecord(s: ReadState, logIdx: number, r: PingyiRecord): void {
  s.counts.records++;
  const bytes = canon(r);
  setLeaf(s, logIdx, sha256([LEAF_PREFIX, bytes]));
  takeRecord(s, logIdx, r, sha256([bytes]).toString('hex'));
}

function takeRecord(s: ReadState, logIdx: number, r: PingyiRecord, hash: string): void {
  if (typeof r.deviceId !== 'string' || !Number.isSafeInteger(r.seq)) return note(s.recordProblems, `leaf ${logIdx}: not a record`);
  let chain = s.chains.get(r.deviceId);
  if (!chain) s.chains.set(r.deviceId, (chain = new Map()));
  if (chain.has(r.seq)) note(s.recordProblems, `device ${r.deviceId} has two records with seq ${r.seq}`);
  // The same text as the hash before it (a chain read in order) is kept once, not twice.
  const prev = String(r.prev);
  const before = chain.get(r.seq - 1)?.hash;
  chain.set(r.seq, { hash, prev: before === prev ? before : prev });
  if (s.header && r.campaignId !== s.header.campaignId) note(s.recordProblems, `leaf ${logIdx} belongs to campaign ${r.campaignId}`);
  foldAnswer(s.answers, logIdx, r);
  if (r.type === 'f2f') {
    // The device's id as its device line holds it: one string per device, not one per record.
    s.f2fs.push({ originalId: r.id, deviceId: s.devices.get(r.deviceId)?.deviceId ?? r.deviceId, seq: r.seq, sealedAt: r.sealedAt, logIdx });
    s.f2fIdByHash.set(hash, r.id);
  }
}
