import { createHash } from 'node:crypto';
import type { PingyiRecord } from '../../../domain/records';
import { canon, fromHex } from '../../../protocol/canon';
import { ExportLineSchema } from '../../../protocol/export';
import { note, type ReadState } from './state';

const sha256 = (parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF_PREFIX = new Uint8Array([0]);

/** Only what effectiveAnswers and the tally read; the rest of a record is let go after hashing. */
function slim(r: PingyiRecord): PingyiRecord {
  const answer = (b: Record<string, unknown>) => ({ unitId: b.unitId, raterGroup: b.raterGroup, overall: b.overall, ratings: b.ratings, durationMs: b.durationMs });
  const body =
    r.type === 'f2f'
      ? answer(r.body)
      : r.type === 'amend'
        ? { targetId: r.body.targetId, body: answer((r.body.body ?? {}) as Record<string, unknown>) }
        : { targetId: r.body.targetId };
  return { v: 1, type: r.type, id: r.id, campaignId: r.campaignId, deviceId: r.deviceId, seq: r.seq, prev: '', collector: r.collector, createdAt: '', sealedAt: r.sealedAt, body };
}

/** Takes one line of the export into the state. */
export function readLine(s: ReadState, text: string): void {
  s.lines++;
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
    case 'manual-scores':
      s.manual = line;
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
  if (s.leaves[idx] !== undefined) s.duplicateLeaves.push(idx);
  s.leaves[idx] = leaf;
}

function readRecord(s: ReadState, logIdx: number, r: PingyiRecord): void {
  s.counts.records++;
  const bytes = canon(r);
  const hash = sha256([bytes]).toString('hex');
  setLeaf(s, logIdx, sha256([LEAF_PREFIX, bytes]));
  if (typeof r.deviceId !== 'string' || !Number.isSafeInteger(r.seq)) return note(s.recordProblems, `leaf ${logIdx}: not a record`);
  let chain = s.chains.get(r.deviceId);
  if (!chain) s.chains.set(r.deviceId, (chain = new Map()));
  if (chain.has(r.seq)) note(s.recordProblems, `device ${r.deviceId} has two records with seq ${r.seq}`);
  chain.set(r.seq, { hash, prev: String(r.prev) });
  if (s.header && r.campaignId !== s.header.campaignId) note(s.recordProblems, `leaf ${logIdx} belongs to campaign ${r.campaignId}`);
  if (r.type === 'f2f' || r.type === 'amend' || r.type === 'void') s.scoring.push(slim(r));
}
