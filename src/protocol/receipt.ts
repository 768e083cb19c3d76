import { BatchAnswerSchema, type BatchAnswer } from './batch';
import { importPublicKey, parsePublicJwk, verifyCanon } from './keys';

export type AnswerCheck = { ok: true; answer: BatchAnswer } | { ok: false; reason: string };

/** What the tablet sent, which the receipt must acknowledge. */
export interface ExpectedReceipt {
  deviceId: string;
  throughSeq: number;
  headHash: string;
}

/** True when `sig` is the server's Ed25519 signature of canon(payload) (receipts, checkpoints, tallies). */
export async function verifyServerSig(payload: unknown, sig: string, serverJwk: unknown): Promise<boolean> {
  const jwk = parsePublicJwk('Ed25519', serverJwk);
  if (!jwk) return false;
  return verifyCanon('Ed25519', await importPublicKey('Ed25519', jwk), sig, payload);
}

/**
 * Checks a 200 answer to POST /api/v1/batches before the tablet marks anything as received: its
 * shape, `serverSig` over canon(receipt) with the server key, and (when given) that the receipt
 * covers the batch that was sent. Records are marked received only when this says ok.
 */
export async function verifyBatchAnswer(answer: unknown, serverJwk: unknown, expected?: ExpectedReceipt): Promise<AnswerCheck> {
  const parsed = BatchAnswerSchema.safeParse(answer);
  if (!parsed.success) return { ok: false, reason: 'the answer is not a batch receipt' };
  const { receipt, serverSig } = parsed.data;
  if (!(await verifyServerSig(receipt, serverSig, serverJwk))) return { ok: false, reason: 'the receipt signature does not verify with the server key' };
  if (expected) {
    if (receipt.deviceId !== expected.deviceId) return { ok: false, reason: 'the receipt names another device' };
    if (receipt.throughSeq !== expected.throughSeq || receipt.headHash !== expected.headHash) {
      return { ok: false, reason: 'the receipt does not cover the batch that was sent' };
    }
  }
  return { ok: true, answer: parsed.data };
}
