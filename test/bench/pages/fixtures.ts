import type { Campaign } from '../../../src/domain/campaign';
import type { PingyiRecord } from '../../../src/domain/records';
import { hSync, ZERO } from '../../../src/protocol/canon';
import { uuidv7 } from '../../../src/domain/ids';
import type { StoredRecord } from '../../../src/store/db';

// Benchmark records: realistic questionnaires (f2f) of the campaign, chained exactly as sealDraft
// chains them, so the same fixtures feed the Dexie floor, the PouchDB peer and the Pingyi paths.
// Pure code: it runs in Node and, bundled, in the bench pages.

const COMMENTS = [
  '窗口工作人员态度较好，但排队时间较长，希望增加周末办理时段。',
  '执法过程规范，能够出示证件并说明依据。',
  '希望进一步公开收费标准和办理时限，方便群众查询。',
  '',
];

/** A deterministic pseudo-random sequence (the same fixtures on every run). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One respondent's questionnaire body for the campaign. */
export function f2fBody(campaign: Campaign, rand: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const levels = campaign.scale.map((l) => l.key);
  const ratings: Record<string, string> = {};
  for (const d of campaign.dimensions) ratings[d.id] = pick(levels);
  const checks: Record<string, boolean> = {};
  for (const c of campaign.checks ?? []) checks[c.id] = rand() < 0.05;
  const comment = pick(COMMENTS);
  return {
    unitId: pick(campaign.units).id,
    raterGroup: pick(campaign.raterGroups).id,
    channel: 'stall',
    ratings,
    overall: pick(levels),
    checks,
    ...(comment ? { comment } : {}),
    respondent: { ageBand: pick(['18-30', '31-45', '46-60', '60+']), occupation: pick(['个体经营', '企业职工', '退休', '学生']) },
    durationMs: 60_000 + Math.floor(rand() * 240_000),
    location: { latE6: 30_570_000 + Math.floor(rand() * 20_000), lonE6: 104_060_000 + Math.floor(rand() * 20_000), accuracyM: 12 },
  };
}

export interface ChainOptions {
  campaign: Campaign;
  deviceId: string;
  collector: string;
  count: number;
  /** First seq (default 1) and the hash of the record before it (default ZERO). */
  fromSeq?: number;
  prev?: string;
  /** Sealing time of the first record; each next one is 90 s later. */
  startMs?: number;
  seed?: number;
}

/** `count` f2f records chained seq by seq (prev = H(previous)), with their hashes. */
export function chainRecords(o: ChainOptions): { record: PingyiRecord; hash: string }[] {
  const rand = mulberry32(o.seed ?? 1);
  const out: { record: PingyiRecord; hash: string }[] = [];
  let prev = o.prev ?? ZERO;
  const fromSeq = o.fromSeq ?? 1;
  const start = o.startMs ?? Date.parse('2026-06-15T01:00:00.000Z');
  for (let i = 0; i < o.count; i++) {
    const sealedMs = start + i * 90_000;
    const record: PingyiRecord = {
      v: 1,
      type: 'f2f',
      id: uuidv7(sealedMs),
      campaignId: o.campaign.id,
      deviceId: o.deviceId,
      seq: fromSeq + i,
      prev,
      collector: o.collector,
      createdAt: new Date(sealedMs - 120_000).toISOString(),
      sealedAt: new Date(sealedMs).toISOString(),
      body: f2fBody(o.campaign, rand),
    };
    const hash = hSync(record);
    out.push({ record, hash });
    prev = hash;
  }
  return out;
}

/** The tablet's stored form of a sealed record (what sealDraft writes). */
export function storedOf(record: PingyiRecord, hash: string, practice: boolean): StoredRecord {
  const d = new Date(record.sealedAt);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return {
    hash,
    deviceId: record.deviceId,
    seq: record.seq,
    campaignId: record.campaignId,
    type: record.type,
    unitIds: [String(record.body.unitId)],
    day,
    sealedAt: record.sealedAt,
    practice: practice ? 1 : 0,
    record,
  };
}
