import type { Campaign } from '../../src/domain/campaign';
import type { PingyiRecord } from '../../src/domain/records';
import { signBatch, signEnrollment } from '../../src/protocol/build';
import { ZERO } from '../../src/protocol/canon';
import { jwkThumbprint, minimalJwk, type PublicJwk } from '../../src/protocol/keys';
import { chainRecords } from './pages/fixtures';

// A tablet stand-in in Node: enrolls with an office-issued code and sends signed batches exactly
// as PROTOCOL.md describes, so the server's ingest can be timed apart from any browser.

export interface NodeDevice {
  deviceId: string;
  keyId: string;
  key: CryptoKey;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Issues a code with the admin token and enrolls a fresh Ed25519 key under it. */
export async function enrollNodeDevice(serverUrl: string, adminToken: string, campaignId: string, collector: string): Promise<NodeDevice> {
  const issued = await post(`${serverUrl}/api/v1/admin/enrollment-codes`, { campaignId, role: 'representative', collector }, { authorization: `Bearer ${adminToken}` });
  if (issued.status !== 201) throw new Error(`enrollment code: ${issued.status} ${JSON.stringify(issued.json)}`);
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicJwk = minimalJwk((await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk);
  const keyId = await jwkThumbprint(publicJwk);
  const proof = await signEnrollment('Ed25519', pair.privateKey, issued.json.code, keyId);
  const enrolled = await post(`${serverUrl}/api/v1/devices`, { code: issued.json.code, alg: 'Ed25519', publicJwk, label: `bench ${collector}`, proof });
  if (enrolled.status !== 201) throw new Error(`enroll: ${enrolled.status} ${JSON.stringify(enrolled.json)}`);
  return { deviceId: enrolled.json.deviceId, keyId, key: pair.privateKey };
}

/**
 * Makes a device's signed batch bodies (JSON text), continuing its chain from call to call:
 * `next(count)` returns the next `count` questionnaires in batches of `perBatch`.
 */
export function batchMaker(device: NodeDevice, campaign: Campaign, seed = 1): (count: number, perBatch?: number) => Promise<string[]> {
  let seq = 1;
  let prev = ZERO;
  return async (count, perBatch = 500) => {
    const start = Date.parse('2026-06-15T01:00:00.000Z') + (seq - 1) * 90_000;
    const chain = chainRecords({ campaign, deviceId: device.deviceId, collector: 'bench', count, fromSeq: seq, prev, startMs: start, seed: seed * 1_000_003 + seq });
    const out: string[] = [];
    for (let i = 0; i < chain.length; i += perBatch) {
      const part = chain.slice(i, i + perBatch);
      const records: PingyiRecord[] = part.map((p) => p.record);
      const key = { deviceId: device.deviceId, keyId: device.keyId, alg: 'Ed25519' as const, privateKey: device.key };
      out.push(JSON.stringify(await signBatch(records, key, new Date().toISOString())));
      prev = part[part.length - 1]!.hash;
    }
    seq += chain.length;
    return out;
  };
}

/** Posts batches one after another (as one tablet does); throws unless each is accepted. */
export async function sendBatches(serverUrl: string, batches: string[]): Promise<void> {
  for (const body of batches) {
    const res = await post(`${serverUrl}/api/v1/batches`, body);
    if (res.status !== 200 || res.json?.status !== 'accepted') throw new Error(`batch: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
  }
}
