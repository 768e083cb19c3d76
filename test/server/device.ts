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
  /** Seals records onto the local chain (at an item's own `sealedAt` when it has one). */
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

/** Enrolls a stand-in tablet with a new code (or the one given, e.g. a code naming a roster person). */
export async function enrollDevice(server: TestServer, alg: SigningAlg = 'Ed25519', campaignId = 'demo', given?: string): Promise<TestDevice> {
  const code = given ?? (await issueCode(server, campaignId));
  const keys = await newKeys(alg);
  const publicJwk = minimalJwk(parsePublicJwk(alg, await crypto.subtle.exportKey('jwk', keys.publicKey))!);
  const keyId = await jwkThumbprint(publicJwk);
  const proof = await signEnrollment(alg, keys.privateKey, code, keyId);
  const r = await postJson(`${server.url}/api/v1/devices`, { code, alg, publicJwk, label: `test ${alg}`, proof });
  if (r.status !== 201) throw new Error(`enroll: ${r.status} ${JSON.stringify(r.body)}`);
  // The device's clock: 5 minutes behind the server's, 100 ms per record made (the server takes
  // createdAt from 10 minutes before enrollment and sealedAt to 10 minutes after its own time).
  const behind = () => server.now() - 5 * 60_000;
  let clock = behind();
  const tick = () => isoTime((clock = Math.max(clock + 100, behind())));

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
      return {
        v: 1,
        type,
        id: uuidv7(),
        campaignId,
        deviceId: device.deviceId,
        collector: device.collector,
        createdAt: tick(),
        body,
        ...extra,
      } as UnsealedRecord;
    },
    f2f(over = {}) {
      return device.unsealed('f2f', {
        unitId: 'brigade1',
        raterGroup: 'public',
        channel: 'stall',
        ratings: DEMO_RATINGS,
        overall: 'fairly',
        durationMs: 42_000,
        ...over,
      });
    },
    async seal(items) {
      // Sealed when the interview's durationMs has passed since createdAt (as the tablet measures it).
      const sealedAt = (i: number) => {
        const item = items[i]!;
        const given = (item as { sealedAt?: unknown }).sealedAt;
        if (typeof given === 'string') return given;
        const duration = item.type === 'f2f' && typeof item.body.durationMs === 'number' ? item.body.durationMs : 1000;
        const created = Date.parse(item.createdAt);
        return isoTime((Number.isNaN(created) ? clock : created) + duration);
      };
      const { records, headHash } = await chainRecords(items, { startSeq: device.sealedSeq + 1, prevHash: device.sealedHash, sealedAt });
      device.sealedSeq += records.length;
      device.sealedHash = headHash;
      return records;
    },
    batch: (records) => signBatch(records, device, isoTime(server.now())),
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
