import type { BatchAnswer, BatchHeader } from '../protocol/batch';
import { jwkThumbprint, parsePublicJwk } from '../protocol/keys';
import { verifyBatchAnswer, type AnswerCheck } from '../protocol/receipt';
import type { PingyiDb } from '../store/db';
import { advanceMark } from '../store/received';
import { witnessReceipt } from '../store/witness';
import { KV, readOutboxState, type OutboxProgress, type ServerKey, type VerifiedReceipt } from './state';

/**
 * Checks a batch answer before it may mark anything received: the shape, the server's Ed25519
 * signature over canon(receipt) with the key stored at enrollment, and that the receipt is for
 * this very batch (device, toSeq, headHash). A receipt that fails any of these marks nothing.
 */
export function checkBatchAnswer(body: unknown, header: Pick<BatchHeader, 'deviceId' | 'toSeq' | 'headHash'>, serverKey: ServerKey): Promise<AnswerCheck> {
  return verifyBatchAnswer(body, serverKey.jwk, { deviceId: header.deviceId, throughSeq: header.toSeq, headHash: header.headHash });
}

/** Checks that a fetched server key is what it says (keyId = its RFC 7638 thumbprint). */
export async function checkServerKey(body: unknown): Promise<ServerKey | null> {
  const b = body as { alg?: unknown; jwk?: unknown; keyId?: unknown } | null;
  if (!b || b.alg !== 'Ed25519') return null;
  const jwk = parsePublicJwk('Ed25519', b.jwk);
  if (!jwk || jwk.kty !== 'OKP') return null;
  const keyId = await jwkThumbprint(jwk);
  if (b.keyId !== keyId) return null;
  return { alg: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, keyId };
}

export class ReceiptMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiptMismatchError';
  }
}

/**
 * Moves the device's received mark to seq throughSeq, in one transaction with the receipt itself.
 * The tablet's own record at throughSeq must have the receipt's headHash: the signed receipt then
 * covers that record and, through the prev links, every record before it. Records are never
 * deleted or rewritten; one mark row says it for all of them. Returns how many records the mark
 * newly covers.
 */
export async function applyReceipt(db: PingyiDb, answer: BatchAnswer, verifiedAt: string, opts: { progress?: OutboxProgress } = {}): Promise<number> {
  const r = answer.receipt;
  const marked = await db.transaction('rw', db.records, db.received, db.kv, async () => {
    const head = await db.records.where('[deviceId+seq]').equals([r.deviceId, r.throughSeq]).first();
    if (!head || head.hash !== r.headHash) {
      throw new ReceiptMismatchError(`the receipt names a record at seq ${r.throughSeq} that this tablet does not hold`);
    }
    const marked = await advanceMark(db, { deviceId: r.deviceId, throughSeq: r.throughSeq, headHash: r.headHash, verifiedAt });
    const verified: VerifiedReceipt = { status: answer.status, appended: answer.appended, receipt: r, serverSig: answer.serverSig, verifiedAt };
    const state = await readOutboxState(db);
    // A late answer for an older batch must not replace the receipt of a newer one.
    const keep = state.lastReceipt && state.lastReceipt.receipt.deviceId === r.deviceId && state.lastReceipt.receipt.throughSeq > r.throughSeq;
    // The progress is written with the mark it reports, in the same transaction.
    await db.kv.put({ key: KV.outbox, value: { ...state, ...(keep ? {} : { lastReceipt: verified }), ...(opts.progress ? { progress: opts.progress } : {}) } });
    return marked;
  });
  // Committed: remembered outside IndexedDB too (store/witness.ts).
  await witnessReceipt(r.deviceId, r.throughSeq);
  return marked;
}
