import { z } from 'zod';
import { isoTime } from '../domain/ids';
import { AttachmentSchema } from '../domain/records';
import { b64u, fromB64u, sha256Hex } from '../protocol/canon';
import { BatchHeaderSchema } from '../protocol/batch';
import { loadDeviceKey } from '../store/device-key';
import type { PingyiDb } from '../store/db';
import { planBatches, signBatch, signBlob, toWire } from './batch';
import { blobBytes } from './blobs';
import { loadOutbox } from './outbox';
import { readEnrollment } from './state';

/**
 * Relay without network: the unsent batches, signed by this tablet as it would send them, and
 * their photos, in one JSON file that another enrolled tablet or the office console forwards to
 * the server unchanged. The server checks the original device's signatures, so whoever carries
 * the file can neither alter nor forge anything in it. Format: src/sync/README.md.
 */
export const RELAY_FORMAT = 'pingyi-relay/1';

const RelayBatchSchema = z.strictObject({
  header: BatchHeaderSchema,
  records: z.array(z.record(z.string(), z.unknown())).min(1),
  sig: z.string().min(1),
});
const RelayBlobSchema = AttachmentSchema.extend({
  deviceId: z.string().min(1),
  sig: z.string().min(1),
  data: z.string().regex(/^[A-Za-z0-9_-]*$/),
});
export const RelayFileSchema = z.strictObject({
  format: z.literal(RELAY_FORMAT),
  exportedAt: z.string(),
  serverUrl: z.string(),
  deviceId: z.string().min(1),
  campaignId: z.string().min(1),
  batches: z.array(RelayBatchSchema),
  blobs: z.array(RelayBlobSchema),
});
export type RelayFile = z.infer<typeof RelayFileSchema>;
export type RelayBatch = z.infer<typeof RelayBatchSchema>;
export type RelayBlob = z.infer<typeof RelayBlobSchema>;

export class RelayExportError extends Error {
  constructor(
    readonly code: 'not-enrolled' | 'no-device-key' | 'missing-photo',
    message: string,
  ) {
    super(message);
    this.name = 'RelayExportError';
  }
}

/** Builds the relay file of every record not yet covered by a receipt; null when there is none. */
export async function exportRelay(db: PingyiDb, now: () => number = Date.now): Promise<RelayFile | null> {
  const enrollment = await readEnrollment(db);
  if (!enrollment) throw new RelayExportError('not-enrolled', 'This tablet is not enrolled.');
  const key = await loadDeviceKey(db);
  if (!key) throw new RelayExportError('no-device-key', 'This tablet has no device key.');
  const records = await loadOutbox(db, enrollment.deviceId);
  if (records.length === 0) return null;

  const batches: RelayBatch[] = [];
  for (const planned of planBatches(records.map(toWire))) {
    const signed = await signBatch(planned, enrollment.keyId, enrollment.alg, key, isoTime(now()));
    batches.push({ header: signed.header, records: signed.records.map((r) => r.record), sig: signed.sig });
  }
  const blobs: RelayBlob[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const a of r.record.attachments ?? []) {
      if (seen.has(a.sha256)) continue;
      seen.add(a.sha256);
      const stored = await db.blobs.get(a.sha256);
      if (!stored) throw new RelayExportError('missing-photo', `Photo ${a.sha256.slice(0, 12)}… of record ${r.seq} is not on this tablet.`);
      if (stored.uploaded === 1) continue; // the server already holds it
      const data = b64u(await blobBytes(stored.data));
      const sig = await signBlob(enrollment.alg, key, enrollment.deviceId, a.sha256);
      blobs.push({ ...a, deviceId: enrollment.deviceId, sig, data });
    }
  }
  return {
    format: RELAY_FORMAT,
    exportedAt: isoTime(now()),
    serverUrl: enrollment.serverUrl,
    deviceId: enrollment.deviceId,
    campaignId: enrollment.campaignId,
    batches,
    blobs,
  };
}

/** A suggested file name: the device and the seq range it carries. */
export function relayFileName(file: RelayFile): string {
  const first = file.batches[0]?.header.fromSeq ?? 0;
  const last = file.batches[file.batches.length - 1]?.header.toSeq ?? 0;
  return `pingyi-relay-${file.deviceId.slice(0, 8)}-${first}-${last}.json`;
}

export class RelayFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelayFormatError';
  }
}

/** Reads a relay file; throws RelayFormatError with the place of the first problem. */
export async function parseRelayFile(text: string): Promise<RelayFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RelayFormatError('The file is not JSON.');
  }
  const parsed = RelayFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RelayFormatError(`The file is not a Pingyi relay file (at /${issue.path.join('/')}: ${issue.message}).`);
  }
  for (const b of parsed.data.blobs) {
    if ((await sha256Hex(fromB64u(b.data))) !== b.sha256) throw new RelayFormatError(`Photo ${b.sha256.slice(0, 12)}… in the file is damaged.`);
  }
  return parsed.data;
}
