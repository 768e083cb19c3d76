// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchAnswer } from '../../../src/protocol/batch';
import { PROTOCOL } from '../../../src/protocol/canon';
import { jwkThumbprint, signCanon, type PublicJwk } from '../../../src/protocol/keys';
import type { PingyiDb } from '../../../src/store/db';
import { applyReceipt, checkBatchAnswer, ReceiptMismatchError } from '../../../src/sync/receipts';
import type { ServerKey } from '../../../src/sync/state';
import { freshDb, receivedSeqs, seedRecords } from './helpers';

/**
 * A receipt the server signed for the right device and seq but for another head (headHash) covers
 * records this tablet does not hold: neither the check of the answer nor applyReceipt may let it
 * mark anything received.
 */
const enrollment = { deviceId: 'dev-receipt', collector: 'zhang-wei', campaignId: 'demo' };
const OTHER_HEAD = 'c'.repeat(64);

async function serverKey(): Promise<{ key: ServerKey; sign(payload: unknown): Promise<string> }> {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const { x } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: x! } as const;
  return { key: { alg: 'Ed25519', jwk, keyId: await jwkThumbprint(jwk as PublicJwk) }, sign: (p) => signCanon('Ed25519', pair.privateKey, p) };
}

async function answerFor(sign: (p: unknown) => Promise<string>, throughSeq: number, headHash: string): Promise<BatchAnswer> {
  const receipt: BatchAnswer['receipt'] = {
    protocol: PROTOCOL,
    deviceId: enrollment.deviceId,
    throughSeq,
    headHash,
    receivedAt: '2026-11-21T09:30:00.000Z',
    logSize: 5,
    logRoot: 'b'.repeat(64),
  };
  return { status: 'accepted', appended: throughSeq, receipt, serverSig: await sign(receipt) };
}

let db: PingyiDb | undefined;
afterEach(() => db?.close());

describe('a receipt for another head marks nothing', () => {
  it('checkBatchAnswer refuses a genuinely signed receipt whose headHash is not the batch head', async () => {
    db = freshDb('receipt-head');
    const stored = await seedRecords(db, enrollment, 5);
    const { key, sign } = await serverKey();
    const header = { deviceId: enrollment.deviceId, toSeq: 5, headHash: stored[4]!.hash };
    expect((await checkBatchAnswer(await answerFor(sign, 5, stored[4]!.hash), header, key)).ok).toBe(true);
    expect(await checkBatchAnswer(await answerFor(sign, 5, OTHER_HEAD), header, key)).toEqual({
      ok: false,
      reason: 'the receipt does not cover the batch that was sent',
    });
  });

  it('applyReceipt throws ReceiptMismatchError and leaves the received mark where it was', async () => {
    db = freshDb('receipt-head');
    const stored = await seedRecords(db, enrollment, 5);
    const { sign } = await serverKey();
    await expect(applyReceipt(db, await answerFor(sign, 3, stored[2]!.hash), '2026-11-21T09:31:00.000Z')).resolves.toBe(3);
    await expect(applyReceipt(db, await answerFor(sign, 5, OTHER_HEAD), '2026-11-21T09:32:00.000Z')).rejects.toBeInstanceOf(ReceiptMismatchError);
    expect(await receivedSeqs(db, enrollment.deviceId)).toEqual([1, 2, 3]);
    await expect(applyReceipt(db, await answerFor(sign, 5, stored[4]!.hash), '2026-11-21T09:33:00.000Z')).resolves.toBe(2);
    expect(await receivedSeqs(db, enrollment.deviceId)).toEqual([1, 2, 3, 4, 5]);
  });
});
