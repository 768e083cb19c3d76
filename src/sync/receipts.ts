import type { BatchAnswer, BatchHeader } from '../protocol/batch';
import { jwkThumbprint, parsePublicJwk } from '../protocol/keys';
import { verifyBatchAnswer, type AnswerCheck } from '../protocol/receipt';
import type { PingyiDb, StoredRecord } from '../store/db';
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
 * Marks the device's records with seq ≤ throughSeq received, in one transaction with the receipt
 * itself. The tablet's own record at throughSeq must have the receipt's headHash: the signed
 * receipt then covers that record and, through the prev links, every record before it.
 * Records are never deleted; only `received` flips.
 */
export async function applyReceipt(
  db: PingyiDb,
  answer: BatchAnswer,
  verifiedAt: string,
  opts: { progress?: OutboxProgress; rows?: StoredRecord[] } = {},
): Promise<number> {
  const r = answer.receipt;
  return db.transaction('rw', db.records, db.kv, async () => {
    const head = await db.records.where('[deviceId+seq]').equals([r.deviceId, r.throughSeq]).first();
    if (!head || head.hash !== r.headHash) {
      throw new ReceiptMismatchError(`the receipt names a record at seq ${r.throughSeq} that this tablet does not hold`);
    }
    let marked: number;
    if (opts.rows) {
      // The rows just sent, as read for sending: writing them back with the flag set spares a
      // cursor over the range. Only `received` ever changes on a stored record.
      const rows = opts.rows.filter((x) => x.deviceId === r.deviceId && x.seq <= r.throughSeq && x.received === 0);
      await db.records.bulkPut(rows.map((x) => ({ ...x, received: 1 as const })));
      marked = rows.length;
    } else {
      marked = await db.records
        .where('[received+deviceId+seq]')
        .between([0, r.deviceId, 1], [0, r.deviceId, r.throughSeq], true, true)
        .modify({ received: 1 });
    }
    const verified: VerifiedReceipt = { status: answer.status, appended: answer.appended, receipt: r, serverSig: answer.serverSig, verifiedAt };
    const state = await readOutboxState(db);
    // A late answer for an older batch must not replace the receipt of a newer one.
    const keep = state.lastReceipt && state.lastReceipt.receipt.deviceId === r.deviceId && state.lastReceipt.receipt.throughSeq > r.throughSeq;
    // The progress is written with the marks it reports, in the same transaction.
    await db.kv.put({ key: KV.outbox, value: { ...state, ...(keep ? {} : { lastReceipt: verified }), ...(opts.progress ? { progress: opts.progress } : {}) } });
    return marked;
  });
}
