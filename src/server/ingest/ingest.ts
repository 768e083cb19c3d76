import type { BatchAnswer, Receipt } from '../../protocol/batch';
import { PROTOCOL } from '../../protocol/canon';
import { isoTime } from '../../domain/ids';
import { STRING_MAX, stringOk } from '../../domain/record-rules';
import { UuidV7Schema } from '../../domain/records';
import { lowS, type DeviceSignatureCheck } from '../device-signatures';
import { ApiError } from '../http/errors';
import type { ServerSigner } from '../secrets';
import { isUniqueViolation } from '../store/unique';
import type { DeviceInfo, IngestTx, LogHead, Store } from '../store/types';
import { attachmentHashes, attachmentSignatureProblem, checkRecords } from './check-records';
import { continuity } from './continuity';
import { batchHolds } from './holds';
import { hashBatch, parseEnvelope, type PreparedBatch } from './prepare';
import { projectF2f } from './projection';

export interface IngestDeps {
  store: Store;
  signer: ServerSigner;
  now: () => number;
  /** Verifies the batch signature with the device's key (device-signatures.ts). */
  checkSignature: DeviceSignatureCheck;
  /**
   * Test seam: runs after the transaction committed and before the answer is built, so a test can
   * make the server die at the worst moment. Never set in production.
   */
  afterCommit?: () => Promise<void>;
}

type Outcome =
  | { kind: 'accepted'; appended: number; log: LogHead; receivedAt: string }
  | { kind: 'duplicate'; log: LogHead; receivedAt: string }
  | { kind: 'conflict'; seq: number; link: boolean };

const isRecordId = (id: unknown): id is string => typeof id === 'string' && UuidV7Schema.safeParse(id).success;

/** What the image signatures need of a blob: WebP's is at bytes 8–11. */
const BLOB_HEAD_BYTES = 16;

/** Unique violations mean a concurrent writer won a race; re-running the checks sees what it wrote. */
const ATTEMPTS = 3;

/** POST /api/v1/batches: every check of PROTOCOL.md in order, all or nothing, then a signed receipt. */
export async function ingestBatch(deps: IngestDeps, body: unknown): Promise<BatchAnswer> {
  const envelope = parseEnvelope(body);
  // Who sent it, before any record is canonicalised or hashed: an unauthenticated body costs little.
  // A deviceId no device can have (U+0000 and lone surrogates fail on PostgreSQL) is not looked up.
  const deviceId = envelope.header.deviceId;
  const known = stringOk(deviceId, STRING_MAX) ? await deps.store.getDevice(deviceId) : undefined;
  checkSender(known, envelope.header.keyId);
  if (!deps.checkSignature(known.alg, known.publicJwk, envelope.sig, envelope.header)) {
    throw new ApiError('bad-signature', "The batch signature does not verify with this device's key.");
  }
  // ES256 signatures are kept in low-S form (the tablet's WebCrypto makes either): one batch, one stored signature.
  const batch = hashBatch(known.alg === 'ES256' ? { ...envelope, sig: lowS(envelope.sig) } : envelope);
  let outcome: Outcome | undefined;
  for (let attempt = 1; !outcome; attempt++) {
    try {
      // A retry looks every id up: the unique violation may be an id another device used.
      outcome = await deps.store.ingest((tx) => ingestInTx(deps, tx, batch, attempt === 1));
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= ATTEMPTS) throw e;
    }
  }
  if (outcome.kind === 'conflict') {
    const what = outcome.link
      ? `The batch's prevHash is not the hash of the record the server holds before seq ${outcome.seq} for this device`
      : `The server already holds a different record at seq ${outcome.seq} for this device`;
    throw new ApiError('chain-conflict', `${what}; the batch was kept as evidence for the office.`, { seq: outcome.seq });
  }
  await deps.afterCommit?.();
  const receipt: Receipt = {
    protocol: PROTOCOL,
    deviceId: batch.header.deviceId,
    throughSeq: batch.header.toSeq,
    headHash: batch.header.headHash,
    receivedAt: outcome.receivedAt,
    logSize: outcome.log.size,
    logRoot: outcome.log.root,
  };
  return {
    status: outcome.kind,
    appended: outcome.kind === 'accepted' ? outcome.appended : 0,
    receipt,
    serverSig: deps.signer.sign(receipt),
  };
}

/** The device is enrolled with this key and not revoked (401 unknown-device, 403 revoked-device). */
function checkSender(device: DeviceInfo | undefined, keyId: string): asserts device is DeviceInfo {
  if (!device || device.keyId !== keyId) {
    throw new ApiError('unknown-device', 'This device is not enrolled on this server (or not with this key); enroll it with a new code.');
  }
  if (device.revokedAt) throw new ApiError('revoked-device', 'This device was revoked by the office; its records are kept, but it may send no more.');
}

/** The rectification item ids that follow-ups (or amends' replacement bodies) name, well-formed ones only. */
function followupItemIds(records: Record<string, unknown>[]): string[] {
  const ids = new Set<string>();
  for (const r of records) {
    const body = r.body as { itemId?: unknown; body?: { itemId?: unknown } } | undefined;
    for (const id of [body?.itemId, body?.body?.itemId]) if (typeof id === 'string' && ITEM_ID.test(id)) ids.add(id);
  }
  return [...ids];
}
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * @param trustNewIds a batch that starts right after the device's head may skip looking its record
 *   ids up (continuity shows they are new to this device): an id another device used then fails
 *   the insert on the unique key, and the batch runs again with the lookup (ingestBatch's retry).
 */
async function ingestInTx(deps: IngestDeps, tx: IngestTx, batch: PreparedBatch, trustNewIds = false): Promise<Outcome> {
  const { header: h } = batch;
  // Again under the device's lock: a revocation may have come in since (same keyId, same key: the signature stands).
  const device = await tx.lockDevice(h.deviceId);
  checkSender(device, h.keyId);
  if (batch.chainProblem) throw batch.chainProblem;

  const head = device.headSeq;
  const stored = h.fromSeq <= head ? await tx.storedHashes(h.deviceId, h.fromSeq, Math.min(h.toSeq, head)) : new Map<number, string>();
  const receivedAt = isoTime(deps.now());
  const c = continuity(head, device.headHash, h.fromSeq, h.prevHash, batch.hashes, stored);
  switch (c.kind) {
    case 'gap':
      throw new ApiError('chain-gap', `The server holds this device's records up to seq ${head}; send from seq ${c.expectedSeq}.`, {
        expectedSeq: c.expectedSeq,
      });
    case 'duplicate':
      return { kind: 'duplicate', log: await tx.logHead(), receivedAt };
    case 'conflict':
      // Equivocation: keep the signed offer as evidence (this commits), never touch the stored chain.
      await tx.recordConflict({
        deviceId: h.deviceId,
        seq: c.seq,
        storedHash: c.storedHash,
        offeredHash: batch.hashes[c.index]!,
        offeredCanon: batch.canons[c.index]!,
        header: h,
        sig: batch.sig,
        records: batch.records,
        receivedAt,
      });
      return { kind: 'conflict', seq: c.seq, link: c.seq > head };
  }

  const items = batch.records
    .slice(c.skip)
    .map((raw, i) => ({ index: c.skip + i, raw, hash: batch.hashes[c.skip + i]!, canon: batch.canons[c.skip + i]!, leafHash: batch.leafHashes[c.skip + i]! }));
  // Only well-formed ids are looked up: any other is refused by the record checks, and a NUL in a
  // query parameter would fail on PostgreSQL instead.
  const ids = new Set(items.map((x) => x.raw.id).filter(isRecordId));
  const targetIds = new Set(
    items.map((x) => (x.raw.body as { targetId?: unknown } | undefined)?.targetId).filter((id): id is string => isRecordId(id) && !ids.has(id)),
  );
  const campaign = await tx.campaign(device.campaignId);
  const skipLookup = trustNewIds && c.skip === 0;
  const existingIds = skipLookup ? new Set<string>() : await tx.existingIds([...ids]);
  const storedTargets = await tx.targets([...targetIds]);
  const rectItems = await tx.rectItems(device.campaignId, followupItemIds(items.map((x) => x.raw)));
  const view = { collector: device.collector, enrolledAt: device.enrolledAt, receivedAt };
  const check = (used: Set<string>) =>
    checkRecords(items, { campaign, campaignId: device.campaignId, device: view, existingIds: used, storedTargets, items: (id) => rectItems.get(id) });
  let checked: ReturnType<typeof check>;
  try {
    checked = check(existingIds);
  } catch (e) {
    // Refused without the lookup: the answer must name the first problem in order, which may be an
    // id used before, so the records are checked again with it.
    if (!skipLookup) throw e;
    checked = check(await tx.existingIds([...ids]));
  }

  const wanted = attachmentHashes(checked);
  if (wanted.length > 0) {
    // Held blobs' bytes are checked against their declared type first (invalid-record), then the rest must be uploaded.
    const held = await tx.blobHeads(wanted, BLOB_HEAD_BYTES);
    const wrong = attachmentSignatureProblem(checked, held);
    if (wrong) throw wrong;
    const missing = wanted.filter((s) => !held.has(s));
    if (missing.length > 0) {
      throw new ApiError('missing-blobs', `${missing.length} attachment(s) are not uploaded yet; upload them, then send the batch again.`, { missing });
    }
  }

  const holds = await batchHolds(tx, h.deviceId, campaign, checked);
  const log = await tx.append({
    deviceId: h.deviceId,
    header: h,
    sig: batch.sig,
    receivedAt,
    records: checked,
    projection: projectF2f(checked, holds),
  });
  return { kind: 'accepted', appended: checked.length, log, receivedAt };
}
