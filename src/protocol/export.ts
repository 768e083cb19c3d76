import { z } from 'zod';
import { HashSchema, TimeSchema } from '../domain/records';
import { BatchHeaderSchema } from './batch';
import { PROTOCOL } from './canon';

/**
 * The verifiable export (`GET /api/v1/admin/export?format=jsonl`): one JSON object per line, each
 * with a `kind`. Written by the server, read by `npm run verify` with no server at hand. An auditor
 * holding only this file can check every device signature and chain, recompute the audit log's root
 * and compare it with the server's signed checkpoint, and recompute the tally.
 *
 * Line order (the verifier relies on the first line and on records/leaves coming in log order):
 *   1. `export`      — format, campaign, the log size and root everything below is cut at.
 *   2. `server-key`  — the server's Ed25519 public key (compare its keyId with GET /api/v1/server-key).
 *   3. `campaign`    — the campaign definition the tally used: its version exactly as stored, so
 *                      H(campaign) is the tally's `campaignHash`; and its earlier versions.
 *   4. `device` …    — every device enrolled in the campaign, with its public JWK and its head at the cut.
 *   5. `batch` …     — every stored batch header + device signature whose records are all below the cut.
 *   6. `record` / `action` / `leaves` … in log order — the campaign's records (exactly as received,
 *      with their log index), the office actions of the campaign and of the whole server (accounts)
 *      at their log index, and between them the leaf hashes of other campaigns' records and actions.
 *   7. `manual-scores` — the office's figures the tally used; then `vetoes`, the vetoes it applied.
 *   8. `checkpoint`  — the signed tree head at the cut.
 *   9. `tally`       — the signed tally computed over the same cut.
 *  10. `end`         — counts of the lines above, so that a truncated file is seen as such.
 *
 * Other campaigns' records: the log is one tree per server, so recomputing its root needs every
 * leaf. For a record of another campaign the export carries only its RFC 6962 leaf hash
 * SHA-256(0x00 ‖ canon(record)): that reveals neither the record nor its campaign (records carry a
 * random UUIDv7, so a leaf hash cannot be guessed), only how many records the server accepted and
 * where this campaign's records stand among them.
 */
export const EXPORT_FORMAT = 'pingyi-export/1';

/**
 * What the server signs as a checkpoint of the audit log: `signed` of GET /api/v1/log/checkpoint is
 * the Ed25519 signature of canon(checkpointPayload(logSize, logRoot)).
 */
export const CheckpointSchema = z.strictObject({
  protocol: z.literal(PROTOCOL),
  purpose: z.literal('checkpoint'),
  logSize: z.number().int().min(0),
  logRoot: HashSchema,
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const checkpointPayload = (logSize: number, logRoot: string): Checkpoint => ({ protocol: PROTOCOL, purpose: 'checkpoint', logSize, logRoot });

const json = z.record(z.string(), z.unknown());

export const ExportHeaderLine = z.strictObject({
  kind: z.literal('export'),
  format: z.literal(EXPORT_FORMAT),
  protocol: z.literal(PROTOCOL),
  campaignId: z.string(),
  exportedAt: TimeSchema,
  logSize: z.number().int().min(0),
  logRoot: HashSchema,
});
export const ServerKeyLine = z.strictObject({ kind: z.literal('server-key'), alg: z.literal('Ed25519'), jwk: json, keyId: z.string() });
export const CampaignLine = z.strictObject({
  kind: z.literal('campaign'),
  campaign: json,
  /**
   * The campaign's earlier versions, oldest first, each exactly as stored (H() of each is the hash
   * its `campaign-version` action logged): each f2f was judged by the limits of the version in force
   * when it arrived, so the verifier replays the holds with those. Absent in exports written before.
   */
  earlier: z.array(json).optional(),
});
export const DeviceLine = z.strictObject({
  kind: z.literal('device'),
  deviceId: z.string(),
  campaignId: z.string(),
  label: z.string(),
  role: z.string(),
  collector: z.string(),
  alg: z.enum(['Ed25519', 'ES256']),
  keyId: z.string(),
  publicJwk: json,
  /** The device's highest seq below the cut (0 when none) and that record's hash (ZERO when none). */
  headSeq: z.number().int().min(0),
  headHash: HashSchema,
  revokedAt: TimeSchema.nullable(),
});
export const BatchLine = z.strictObject({ kind: z.literal('batch'), header: BatchHeaderSchema, sig: z.string(), receivedAt: TimeSchema });
export const RecordLine = z.strictObject({ kind: z.literal('record'), logIdx: z.number().int().min(0), receivedAt: TimeSchema, record: json });
/** An office action (src/protocol/office-action.ts) of this campaign or of the whole server, at its leaf. */
export const ActionLine = z.strictObject({ kind: z.literal('action'), logIdx: z.number().int().min(0), action: json });
/** Leaf hashes (hex) of consecutive log positions from `from` that hold other campaigns' records. */
export const LeavesLine = z.strictObject({ kind: z.literal('leaves'), from: z.number().int().min(0), hashes: z.array(HashSchema).min(1) });
export const ManualScoresLine = z.strictObject({
  kind: z.literal('manual-scores'),
  scores: z.record(z.string(), z.record(z.string(), z.number())),
  bonusRanking: z.array(z.string()),
  /** When the office last changed them (null: never entered). */
  updatedAt: TimeSchema.nullable(),
});
/** The office's vetoes (一票否决) the tally applied, unit id → reason (exports before versions lack the line: none). */
export const VetoesLine = z.strictObject({
  kind: z.literal('vetoes'),
  vetoes: z.record(z.string(), z.string()),
  updatedAt: TimeSchema.nullable(),
});
export const CheckpointLine = z.strictObject({ kind: z.literal('checkpoint'), checkpoint: CheckpointSchema, serverSig: z.string() });
export const TallyLine = z.strictObject({ kind: z.literal('tally'), tally: json, serverSig: z.string() });
export const EndLine = z.strictObject({
  kind: z.literal('end'),
  devices: z.number().int().min(0),
  batches: z.number().int().min(0),
  records: z.number().int().min(0),
  /** Office action lines (exports written before office actions lack it: none). */
  actions: z.number().int().min(0).optional(),
  leaves: z.number().int().min(0),
});

export const ExportLineSchema = z.discriminatedUnion('kind', [
  ExportHeaderLine,
  ServerKeyLine,
  CampaignLine,
  DeviceLine,
  BatchLine,
  RecordLine,
  ActionLine,
  LeavesLine,
  ManualScoresLine,
  VetoesLine,
  CheckpointLine,
  TallyLine,
  EndLine,
]);
export type ExportLine = z.infer<typeof ExportLineSchema>;
export type ExportHeader = z.infer<typeof ExportHeaderLine>;
export type DeviceExport = z.infer<typeof DeviceLine>;
export type BatchExport = z.infer<typeof BatchLine>;
export type RecordExport = z.infer<typeof RecordLine>;

/** How many leaf hashes one `leaves` line carries at most (keeps lines short for line-based tools). */
export const LEAVES_PER_LINE = 1000;
