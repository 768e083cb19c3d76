import { expect } from 'vitest';
import type { Batch } from '../../src/protocol/batch';
import { signCanon } from '../../src/protocol/keys';
import { verifyBatchAnswer } from '../../src/protocol/receipt';
import type { TestDevice } from './device';
import { hashKey } from '../../src/server/store/rows';
import type { TestServer } from './harness';

/** Re-signs a (tampered) header, so that a test reaches the checks after the signature. */
export async function resign(device: TestDevice, batch: Batch): Promise<Batch> {
  return { ...batch, sig: await signCanon(device.alg, device.privateKey, batch.header) };
}

/** Expects an error answer of the protocol's shape. */
export function expectError(r: { status: number; body: any }, status: number, error: string): void {
  expect({ status: r.status, error: r.body?.error }).toEqual({ status, error });
  expect(typeof r.body.message).toBe('string');
  expect(r.body.message.length).toBeGreaterThan(10);
}

/** Expects a 200 answer whose receipt verifies with the server key and covers `batch`. */
export async function expectReceipt(server: TestServer, r: { status: number; body: any }, batch: Batch, status: 'accepted' | 'duplicate', appended: number) {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const check = await verifyBatchAnswer(r.body, server.signer.jwk, {
    deviceId: batch.header.deviceId,
    throughSeq: batch.header.toSeq,
    headHash: batch.header.headHash,
  });
  expect(check).toMatchObject({ ok: true });
  expect(r.body.status).toBe(status);
  expect(r.body.appended).toBe(appended);
  return r.body;
}

/** The records the server holds for a device, in acceptance order (through the admin API). */
export async function storedRecords(server: TestServer, deviceId?: string): Promise<any[]> {
  const out: any[] = [];
  let after: number | null = -1;
  while (after !== null) {
    const r = await server.admin(`/api/v1/admin/records?limit=1000&after=${after}`);
    expect(r.status).toBe(200);
    out.push(...r.body.records);
    after = r.body.next;
  }
  return deviceId ? out.filter((x) => x.record.deviceId === deviceId) : out;
}

/** Every office action the server logged, in log order (through the admin API). */
export async function storedActions(server: TestServer, campaignId?: string): Promise<any[]> {
  const out: any[] = [];
  let after: number | null = -1;
  while (after !== null) {
    const r = await server.admin(`/api/v1/admin/office-actions?limit=1000&after=${after}${campaignId ? `&campaignId=${encodeURIComponent(campaignId)}` : ''}`);
    expect(r.status).toBe(200);
    out.push(...r.body.actions);
    after = r.body.next;
  }
  return out;
}

/**
 * Every route the server registered, as [method, path with its :params], from Fastify's route tree
 * (printRoutes nests a route under the one whose path it extends). HEAD routes Fastify adds beside
 * each GET are left out.
 */
export function registeredRoutes(app: { printRoutes(o: { commonPrefix: false }): string }): [string, string][] {
  const out: [string, string][] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = [...m[1]!].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) if (method && method !== 'HEAD') out.push([method, path]);
  }
  return out;
}

/** Signs an account in (POST /api/v1/session) and returns its session cookie (`name=value`). */
export async function signIn(server: TestServer, username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A `records` row written straight into a store (a note of device `deviceId` at log index `logIdx`, id `rec-<logIdx>`). */
export function recordRow(logIdx: number, hash: string, canon: string, deviceId: string) {
  return {
    log_idx: logIdx,
    hash,
    hash_key: hashKey(hash),
    id: `rec-${logIdx}`,
    device_id: deviceId,
    seq: logIdx + 1,
    campaign_id: 'demo',
    type: 'note',
    target_id: null,
    collector: '张三',
    sealed_at: '2026-06-15T01:00:00.000Z',
    received_at: '2026-06-15T01:00:00.000Z',
    canon,
  };
}
