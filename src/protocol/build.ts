import type { PingyiRecord, UnsealedRecord } from '../domain/records';
import type { Batch, BatchHeader } from './batch';
import { H, PROTOCOL } from './canon';
import { signCanon, type SigningAlg } from './keys';

/**
 * Sealing and batching, shared by the tablet and by test devices: pure WebCrypto, no Node APIs.
 */

/** Seals one record: gives it its seq, the hash of its predecessor, and its sealing time. */
export function sealRecord(unsealed: UnsealedRecord, seq: number, prev: string, sealedAt: string): PingyiRecord {
  return { ...unsealed, seq, prev, sealedAt };
}

export interface ChainStart {
  /** seq of the first record (head + 1). */
  startSeq: number;
  /** Hash of the record before (ZERO when startSeq is 1). */
  prevHash: string;
  /** One sealing time for all, or one per record. */
  sealedAt: string | ((index: number) => string);
}

/** Seals records in order, each naming the hash of the one before; returns them with their hashes. */
export async function chainRecords(unsealed: UnsealedRecord[], start: ChainStart): Promise<{ records: PingyiRecord[]; hashes: string[]; headHash: string }> {
  const records: PingyiRecord[] = [];
  const hashes: string[] = [];
  let prev = start.prevHash;
  for (let i = 0; i < unsealed.length; i++) {
    const at = typeof start.sealedAt === 'string' ? start.sealedAt : start.sealedAt(i);
    const record = sealRecord(unsealed[i]!, start.startSeq + i, prev, at);
    prev = await H(record);
    records.push(record);
    hashes.push(prev);
  }
  return { records, hashes, headHash: prev };
}

export interface DeviceKey {
  deviceId: string;
  keyId: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
}

/** The header of a batch of consecutive sealed records (prevHash from the first, headHash = H(last)). */
export async function batchHeader(records: PingyiRecord[], deviceId: string, keyId: string, sentAt: string): Promise<BatchHeader> {
  if (records.length === 0) throw new RangeError('a batch holds at least one record');
  const first = records[0]!;
  const last = records[records.length - 1]!;
  return {
    protocol: PROTOCOL,
    deviceId,
    keyId,
    fromSeq: first.seq,
    toSeq: last.seq,
    count: records.length,
    prevHash: first.prev,
    headHash: await H(last),
    sentAt,
  };
}

/** Builds and signs a batch: `sig` is the device's signature of canon(header). */
export async function signBatch(records: PingyiRecord[], key: DeviceKey, sentAt: string): Promise<Batch> {
  const header = await batchHeader(records, key.deviceId, key.keyId, sentAt);
  return { header, records, sig: await signCanon(key.alg, key.privateKey, header) };
}

/** The signature a device sends with an attachment upload (X-Pingyi-Sig). */
export function signBlob(key: DeviceKey, sha256: string): Promise<string> {
  return signCanon(key.alg, key.privateKey, { protocol: PROTOCOL, purpose: 'blob', deviceId: key.deviceId, sha256 });
}

/** X-Pingyi-Sig of a campaign fetch: the device's signature of canon({protocol, purpose: "campaign", deviceId, campaignId}). */
export function signCampaignFetch(key: Pick<DeviceKey, 'alg' | 'privateKey' | 'deviceId'>, campaignId: string): Promise<string> {
  return signCanon(key.alg, key.privateKey, { protocol: PROTOCOL, purpose: 'campaign', deviceId: key.deviceId, campaignId });
}

/** X-Pingyi-Sig of the tablet's fetch of rectification items: canon({protocol, purpose: "rectifications", deviceId, campaignId}). */
export function signRectificationsFetch(key: Pick<DeviceKey, 'alg' | 'privateKey' | 'deviceId'>, campaignId: string): Promise<string> {
  return signCanon(key.alg, key.privateKey, { protocol: PROTOCOL, purpose: 'rectifications', deviceId: key.deviceId, campaignId });
}

/** The proof an enrolling tablet sends: its signature over the code and its keyId. */
export function signEnrollment(alg: SigningAlg, privateKey: CryptoKey, code: string, keyId: string): Promise<string> {
  return signCanon(alg, privateKey, { protocol: PROTOCOL, purpose: 'enroll', code, keyId });
}
