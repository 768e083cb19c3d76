import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../src/domain/ids';
import type { PingyiRecord, UnsealedRecord } from '../../src/domain/records';
import type { Batch } from '../../src/protocol/batch';
import { chainRecords, signBatch, signBlob, signEnrollment, type DeviceKey } from '../../src/protocol/build';
import { H, ZERO, sha256Hex } from '../../src/protocol/canon';
import { jwkThumbprint, minimalJwk, parsePublicJwk, type SigningAlg } from '../../src/protocol/keys';
import { postJson, type TestServer } from './harness';

/** A tablet stand-in: WebCrypto keys, enrollment, sealing and batching with src/protocol/build.ts. */
export interface TestDevice extends DeviceKey {
  publicJwk: JsonWebKey;
  /** The server it talks to (reassign after a restart on another port). */
  url: string;
  campaignId: string;
  collector: string;
  /** seq and hash of the last record sealed locally. */
  sealedSeq: number;
  sealedHash: string;
  f2f(over?: Partial<Record<string, unknown>>): UnsealedRecord;
  unsealed(type: UnsealedRecord['type'], body: Record<string, unknown>, extra?: Partial<UnsealedRecord>): UnsealedRecord;
  /** Seals records onto the local chain. */
  seal(items: UnsealedRecord[]): Promise<PingyiRecord[]>;
  batch(records: PingyiRecord[]): Promise<Batch>;
  send(batch: unknown): Promise<{ status: number; body: any }>;
  uploadBlob(bytes: Uint8Array, sha?: string): Promise<{ status: number; body: any }>;
}

export async function newKeys(alg: SigningAlg): Promise<CryptoKeyPair> {
  const params = alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  return (await crypto.subtle.generateKey(params, false, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function issueCode(server: TestServer, campaignId = 'demo', collector = '张三', ttlHours?: number): Promise<string> {
  const r = await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId, role: 'representative', collector, ttlHours } });
  if (r.status !== 201) throw new Error(`enrollment code: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.code;
}

export const DEMO_RATINGS = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));

export async function enrollDevice(server: TestServer, alg: SigningAlg = 'Ed25519', campaignId = 'demo'): Promise<TestDevice> {
  const code = await issueCode(server, campaignId);
  const keys = await newKeys(alg);
  const publicJwk = minimalJwk(parsePublicJwk(alg, await crypto.subtle.exportKey('jwk', keys.publicKey))!);
  const keyId = await jwkThumbprint(publicJwk);
  const proof = await signEnrollment(alg, keys.privateKey, code, keyId);
  const r = await postJson(`${server.url}/api/v1/devices`, { code, alg, publicJwk, label: `test ${alg}`, proof });
  if (r.status !== 201) throw new Error(`enroll: ${r.status} ${JSON.stringify(r.body)}`);
  let clock = Date.parse('2026-11-21T09:00:00.000Z');
  const tick = () => isoTime((clock += 1000));

  const device: TestDevice = {
    deviceId: r.body.deviceId,
    keyId,
    alg,
    privateKey: keys.privateKey,
    publicJwk,
    url: server.url,
    campaignId,
    collector: r.body.collector,
    sealedSeq: 0,
    sealedHash: ZERO,
    unsealed(type, body, extra = {}) {
      return { v: 1, type, id: uuidv7(), campaignId, deviceId: device.deviceId, collector: device.collector, createdAt: tick(), body, ...extra } as UnsealedRecord;
    },
    f2f(over = {}) {
      return device.unsealed('f2f', { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings: DEMO_RATINGS, overall: 'fairly', durationMs: 42_000, ...over });
    },
    async seal(items) {
      const { records, headHash } = await chainRecords(items, { startSeq: device.sealedSeq + 1, prevHash: device.sealedHash, sealedAt: () => tick() });
      device.sealedSeq += records.length;
      device.sealedHash = headHash;
      return records;
    },
    batch: (records) => signBatch(records, device, tick()),
    send: (batch) => postJson(`${device.url}/api/v1/batches`, batch),
    async uploadBlob(bytes, sha) {
      const sha256 = sha ?? (await sha256Hex(bytes));
      const res = await fetch(`${device.url}/api/v1/blobs/${sha256}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'x-pingyi-device': device.deviceId, 'x-pingyi-sig': await signBlob(device, sha256) },
        body: bytes as BodyInit,
      });
      return { status: res.status, body: await res.json() };
    },
  };
  return device;
}

/** Seals n questionnaires. */
export function f2fs(device: TestDevice, n: number): Promise<PingyiRecord[]> {
  return device.seal(Array.from({ length: n }, () => device.f2f()));
}

export { H };
