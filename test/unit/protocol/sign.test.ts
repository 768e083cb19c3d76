// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { UnsealedRecord } from '../../../src/domain/records';
import {
  batchHeader,
  chainRecords,
  sealRecord,
  signBatch,
  signBlob,
  signCampaignFetch,
  signEnrollment,
  signRectificationsFetch,
  type DeviceKey,
} from '../../../src/protocol/build';
import { H, PROTOCOL, ZERO, b64u } from '../../../src/protocol/canon';
import {
  importParams,
  importPublicKey,
  jwkThumbprint,
  minimalJwk,
  parsePublicJwk,
  signCanon,
  signParams,
  verifyCanon,
  type PublicJwk,
  type SigningAlg,
} from '../../../src/protocol/keys';
import { verifyBatchAnswer, verifyServerSig } from '../../../src/protocol/receipt';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';

async function keyPair(alg: SigningAlg): Promise<{ pair: CryptoKeyPair; jwk: PublicJwk; verifyKey: CryptoKey }> {
  const params: EcKeyGenParams | Algorithm = alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  const pair = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = parsePublicJwk(alg, await crypto.subtle.exportKey('jwk', pair.publicKey))!;
  return { pair, jwk, verifyKey: await importPublicKey(alg, jwk) };
}

// Only the fields sealing touches; the hashes do not care about a record's other fields.
const unsealed = (n: number) => ({ v: 1, type: 'test', id: `r${n}` }) as unknown as UnsealedRecord;

describe('public keys (PROTOCOL.md "Keys")', () => {
  const X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
  /** A P-256 point (the demo campaign's encryption key). */
  const { x: PX, y: PY } = DEMO_CAMPAIGN.encryptionKey!;

  it('reads an Ed25519 or P-256 public JWK and refuses private members, other curves and bad coordinates', () => {
    expect(parsePublicJwk('Ed25519', { kty: 'OKP', crv: 'Ed25519', x: X, kid: 'k' })).toEqual({ kty: 'OKP', crv: 'Ed25519', x: X, kid: 'k' });
    expect(parsePublicJwk('Ed25519', { kty: 'OKP', crv: 'Ed25519', x: X, d: X })).toBeNull();
    expect(parsePublicJwk('Ed25519', { kty: 'OKP', crv: 'X25519', x: X })).toBeNull();
    expect(parsePublicJwk('Ed25519', { kty: 'OKP', crv: 'Ed25519', x: X.slice(1) })).toBeNull();
    expect(parsePublicJwk('Ed25519', { kty: 'EC', crv: 'P-256', x: X, y: X })).toBeNull();
    // Well formed, and a point of the curve only for a real key.
    expect(parsePublicJwk('ES256', { kty: 'EC', crv: 'P-256', x: X, y: X })).toBeNull();
    expect(parsePublicJwk('ES256', { kty: 'EC', crv: 'P-256', x: PX, y: PY })).toEqual({ kty: 'EC', crv: 'P-256', x: PX, y: PY });
    expect(parsePublicJwk('ES256', { kty: 'OKP', crv: 'Ed25519', x: X })).toBeNull();
    expect(parsePublicJwk('ES256', { kty: 'EC', crv: 'P-256', x: X, y: `${X}=` })).toBeNull();
    expect(parsePublicJwk('ES256', 'not a key')).toBeNull();
  });

  it('keeps only the thumbprint members', () => {
    expect(minimalJwk({ kty: 'OKP', crv: 'Ed25519', x: X, kid: 'k', alg: 'EdDSA', ext: true })).toEqual({ kty: 'OKP', crv: 'Ed25519', x: X });
    expect(minimalJwk({ kty: 'EC', crv: 'P-256', x: X, y: 'y', use: 'sig' })).toEqual({ kty: 'EC', crv: 'P-256', x: X, y: 'y' });
  });

  it('computes the RFC 7638 thumbprint (the RFC 8037 A.3 example)', async () => {
    expect(await jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: X, kid: 'ignored' })).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('names the WebCrypto parameters of each algorithm', () => {
    expect(importParams('Ed25519')).toEqual({ name: 'Ed25519' });
    expect(importParams('ES256')).toEqual({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(signParams('Ed25519')).toEqual({ name: 'Ed25519' });
    expect(signParams('ES256')).toEqual({ name: 'ECDSA', hash: 'SHA-256' });
  });

  for (const alg of ['Ed25519', 'ES256'] as const) {
    it(`signs canon(payload) with ${alg} (64 bytes) and verifies only that payload with that key`, async () => {
      const { pair, verifyKey } = await keyPair(alg);
      const other = await keyPair(alg);
      const sig = await signCanon(alg, pair.privateKey, { b: 2, a: 1 });
      expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
      expect(await verifyCanon(alg, verifyKey, sig, { a: 1, b: 2 })).toBe(true);
      expect(await verifyCanon(alg, verifyKey, sig, { a: 1, b: 3 })).toBe(false);
      expect(await verifyCanon(alg, other.verifyKey, sig, { a: 1, b: 2 })).toBe(false);
      expect(await verifyCanon(alg, verifyKey, `${sig}AA`, { a: 1, b: 2 })).toBe(false); // 65 bytes
      expect(await verifyCanon(alg, verifyKey, sig.slice(0, 84), { a: 1, b: 2 })).toBe(false); // 63 bytes
      expect(await verifyCanon(alg, verifyKey, `${sig.slice(0, 85)}+`, { a: 1, b: 2 })).toBe(false); // not base64url
      expect(await verifyCanon(alg, verifyKey, sig, undefined)).toBe(false); // no canonical form
      expect(await verifyCanon(alg, verifyKey, b64u(new Uint8Array(64)), { a: 1, b: 2 })).toBe(false);
    });
  }
});

describe('sealing and batches (PROTOCOL.md "Batch")', () => {
  it('seals a record with its seq, predecessor and time', () => {
    expect(sealRecord(unsealed(1), 7, 'p'.repeat(64), '2026-11-21T09:00:00.000Z')).toEqual({
      ...unsealed(1),
      seq: 7,
      prev: 'p'.repeat(64),
      sealedAt: '2026-11-21T09:00:00.000Z',
    });
  });

  it('chains records, each naming the hash of the one before, with one time or one per record', async () => {
    const one = await chainRecords([unsealed(1), unsealed(2), unsealed(3)], { startSeq: 1, prevHash: ZERO, sealedAt: '2026-11-21T09:00:00.000Z' });
    expect(one.records.map((r) => [r.seq, r.sealedAt])).toEqual([
      [1, '2026-11-21T09:00:00.000Z'],
      [2, '2026-11-21T09:00:00.000Z'],
      [3, '2026-11-21T09:00:00.000Z'],
    ]);
    expect(one.records[0]!.prev).toBe(ZERO);
    expect(one.hashes).toEqual(await Promise.all(one.records.map((r) => H(r))));
    expect(one.records[1]!.prev).toBe(one.hashes[0]);
    expect(one.records[2]!.prev).toBe(one.hashes[1]);
    expect(one.headHash).toBe(one.hashes[2]);

    const later = await chainRecords([unsealed(4), unsealed(5)], { startSeq: 4, prevHash: one.headHash, sealedAt: (i) => `2026-11-21T09:0${i}:00.000Z` });
    expect(later.records.map((r) => [r.seq, r.prev === one.headHash, r.sealedAt])).toEqual([
      [4, true, '2026-11-21T09:00:00.000Z'],
      [5, false, '2026-11-21T09:01:00.000Z'],
    ]);
    const none = await chainRecords([], { startSeq: 9, prevHash: 'a'.repeat(64), sealedAt: 'x' });
    expect(none).toEqual({ records: [], hashes: [], headHash: 'a'.repeat(64) });
  });

  it('builds and signs a batch header from the first and last record, and refuses an empty batch', async () => {
    const { pair, verifyKey } = await keyPair('Ed25519');
    const key: DeviceKey = { deviceId: 'dev-1', keyId: 'kid-1', alg: 'Ed25519', privateKey: pair.privateKey };
    const { records, headHash } = await chainRecords([unsealed(1), unsealed(2), unsealed(3)], {
      startSeq: 5,
      prevHash: 'b'.repeat(64),
      sealedAt: '2026-11-21T09:00:00.000Z',
    });
    const batch = await signBatch(records, key, '2026-11-21T10:00:00.000Z');
    expect(batch.header).toEqual({
      protocol: PROTOCOL,
      deviceId: 'dev-1',
      keyId: 'kid-1',
      fromSeq: 5,
      toSeq: 7,
      count: 3,
      prevHash: 'b'.repeat(64),
      headHash,
      sentAt: '2026-11-21T10:00:00.000Z',
    });
    expect(batch.records).toBe(records);
    expect(await verifyCanon('Ed25519', verifyKey, batch.sig, batch.header)).toBe(true);
    expect((await batchHeader(records.slice(1, 2), 'd', 'k', 't')).headHash).toBe(await H(records[1]));
    await expect(batchHeader([], 'd', 'k', 't')).rejects.toThrow(new RangeError('a batch holds at least one record'));
  });

  it('signs the blob, campaign, rectifications and enrollment payloads of the protocol', async () => {
    const { pair, verifyKey } = await keyPair('ES256');
    const key: DeviceKey = { deviceId: 'dev-2', keyId: 'kid-2', alg: 'ES256', privateKey: pair.privateKey };
    const ok = (sig: string, payload: unknown) => verifyCanon('ES256', verifyKey, sig, payload);
    expect(await ok(await signBlob(key, 'f'.repeat(64)), { protocol: PROTOCOL, purpose: 'blob', deviceId: 'dev-2', sha256: 'f'.repeat(64) })).toBe(true);
    expect(await ok(await signCampaignFetch(key, 'demo'), { protocol: PROTOCOL, purpose: 'campaign', deviceId: 'dev-2', campaignId: 'demo' })).toBe(true);
    expect(await ok(await signRectificationsFetch(key, 'demo'), { protocol: PROTOCOL, purpose: 'rectifications', deviceId: 'dev-2', campaignId: 'demo' })).toBe(
      true,
    );
    expect(
      await ok(await signEnrollment('ES256', pair.privateKey, 'CODE-1', 'kid-2'), { protocol: PROTOCOL, purpose: 'enroll', code: 'CODE-1', keyId: 'kid-2' }),
    ).toBe(true);
  });
});

describe('verifyBatchAnswer: what the tablet accepts as a receipt', () => {
  const receipt = { protocol: PROTOCOL, deviceId: 'dev-1', throughSeq: 3, headHash: 'c'.repeat(64), receivedAt: '2026-11-21T09:30:00.000Z' };
  const expected = { deviceId: 'dev-1', throughSeq: 3, headHash: 'c'.repeat(64) };

  it('accepts a signed receipt for the batch sent, with or without the expectation', async () => {
    const { pair, jwk } = await keyPair('Ed25519');
    const answer = { status: 'accepted', appended: 3, receipt, serverSig: await signCanon('Ed25519', pair.privateKey, receipt) };
    expect(await verifyBatchAnswer(answer, jwk, expected)).toEqual({ ok: true, answer });
    expect(await verifyBatchAnswer(answer, jwk)).toEqual({ ok: true, answer });
    expect(await verifyServerSig(receipt, answer.serverSig, jwk)).toBe(true);
  });

  it('refuses a wrong shape, a bad signature, another key, another device, seq or head', async () => {
    const { pair, jwk } = await keyPair('Ed25519');
    const other = await keyPair('Ed25519');
    const sign = (r: unknown) => signCanon('Ed25519', pair.privateKey, r);
    const answer = async (r: typeof receipt) => ({ status: 'accepted', appended: 3, receipt: r, serverSig: await sign(r) });
    expect(await verifyBatchAnswer({ ...(await answer(receipt)), status: 'ok' }, jwk, expected)).toEqual({
      ok: false,
      reason: 'the answer is not a batch receipt',
    });
    const forged = { ...(await answer(receipt)), serverSig: await signCanon('Ed25519', other.pair.privateKey, receipt) };
    expect(await verifyBatchAnswer(forged, jwk, expected)).toEqual({ ok: false, reason: 'the receipt signature does not verify with the server key' });
    expect(await verifyBatchAnswer(await answer(receipt), { kty: 'OKP', crv: 'Ed25519' }, expected)).toEqual({
      ok: false,
      reason: 'the receipt signature does not verify with the server key',
    });
    expect(await verifyServerSig(receipt, await sign(receipt), 'no key')).toBe(false);
    expect(await verifyBatchAnswer(await answer({ ...receipt, deviceId: 'dev-2' }), jwk, expected)).toEqual({
      ok: false,
      reason: 'the receipt names another device',
    });
    const notCovered = { ok: false, reason: 'the receipt does not cover the batch that was sent' };
    expect(await verifyBatchAnswer(await answer({ ...receipt, throughSeq: 2 }), jwk, expected)).toEqual(notCovered);
    expect(await verifyBatchAnswer(await answer({ ...receipt, headHash: 'd'.repeat(64) }), jwk, expected)).toEqual(notCovered);
  });
});
