import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { signEnrollment } from '../../src/protocol/build';
import { jwkThumbprint, minimalJwk, parsePublicJwk, type SigningAlg } from '../../src/protocol/keys';
import { issueCode, newKeys } from './device';
import { availableBackends, postJson, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';

const backends = await availableBackends();

/** A b64u coordinate with its last byte changed: almost surely no longer a point of the curve. */
const nudged = (b64u: string): string => {
  const bytes = Buffer.from(b64u, 'base64url');
  bytes[31] = bytes[31]! ^ 1;
  return bytes.toString('base64url');
};

describe.each(backends.map((b) => [b.name, b] as const))('enrollment (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let clock = Date.parse('2026-11-21T08:00:00.000Z');
  beforeAll(async () => {
    place = await backend.create();
    // The enrollment limit (30 a minute per address) has its own test below; here the mutated
    // enrollments would reach it.
    server = await startServer(place, { now: () => clock }, { PINGYI_RATE_ENROLL: '1000' });
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  async function request(code: string, alg: SigningAlg = 'Ed25519', tamper: (r: any) => void = () => {}) {
    const keys = await newKeys(alg);
    const publicJwk = minimalJwk(parsePublicJwk(alg, await crypto.subtle.exportKey('jwk', keys.publicKey))!);
    const keyId = await jwkThumbprint(publicJwk);
    const body = { code, alg, publicJwk, label: '平板 07', proof: await signEnrollment(alg, keys.privateKey, code, keyId) };
    tamper(body);
    return { body, keyId, answer: await postJson(`${server.url}/api/v1/devices`, body) };
  }

  it('issues a one-time code (admin token required) and enrolls a tablet with either algorithm', async () => {
    expectError(
      await postJson(`${server.url}/api/v1/admin/enrollment-codes`, { campaignId: 'demo', role: 'representative', collector: '张三' }),
      401,
      'unauthorized',
    );
    expectError(
      await postJson(
        `${server.url}/api/v1/admin/enrollment-codes`,
        { campaignId: 'demo', role: 'representative', collector: '张三' },
        { authorization: 'Bearer wrong' },
      ),
      401,
      'unauthorized',
    );
    const issued = await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'inspector', collector: '李四', ttlHours: 2 } });
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(issued.body.expiresAt).toBe(new Date(clock + 2 * 3_600_000).toISOString());
    const { answer, keyId } = await request(issued.body.code, 'ES256');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ keyId, role: 'inspector', collector: '李四' });
    // The definition as served carries its version (PROTOCOL.md "Campaign versions").
    expect(answer.body.campaign).toEqual({ ...DEMO_CAMPAIGN, version: 1 });
    expect(answer.body.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    const ed = await request(await issueCode(server));
    expect(ed.answer.status).toBe(201);
    const list = (await server.admin('/api/v1/admin/devices')).body.devices;
    expect(list.find((x: any) => x.deviceId === answer.body.deviceId)).toMatchObject({
      label: '平板 07',
      alg: 'ES256',
      headSeq: 0,
      lastBatchAt: null,
      revokedAt: null,
      role: 'inspector',
    });
  });

  it('takes the code in any case, with or without dashes and spaces (the proof signs the code as typed)', async () => {
    const code = await issueCode(server);
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ')} `;
    expect((await request(typed)).answer.status).toBe(201);
  });

  it('answers unknown-code, code-used, code-expired and bad-signature', async () => {
    expectError((await request('ZZZZ-ZZZZ-ZZZZ')).answer, 404, 'unknown-code');
    const used = await issueCode(server);
    expect((await request(used)).answer.status).toBe(201);
    expectError((await request(used)).answer, 409, 'code-used');
    const expiring = await issueCode(server, 'demo', '王五', 1);
    clock += 3_600_000;
    expectError((await request(expiring)).answer, 410, 'code-expired');
    const code = await issueCode(server);
    expectError((await request(code, 'Ed25519', (b) => (b.proof = b.proof.slice(0, -4) + 'AAAA'))).answer, 401, 'bad-signature');
    // Signing another code, or another keyId, is no proof either.
    const other = await issueCode(server);
    const keys = await newKeys('Ed25519');
    const jwk = minimalJwk(parsePublicJwk('Ed25519', await crypto.subtle.exportKey('jwk', keys.publicKey))!);
    const wrongCode = await postJson(`${server.url}/api/v1/devices`, {
      code,
      alg: 'Ed25519',
      publicJwk: jwk,
      label: 'x',
      proof: await signEnrollment('Ed25519', keys.privateKey, other, await jwkThumbprint(jwk)),
    });
    expectError(wrongCode, 401, 'bad-signature');
    // A failed proof does not use the code up.
    expect((await request(code)).answer.status).toBe(201);
  });

  it('refuses malformed requests: missing fields, private keys, keys of the other algorithm, unknown campaigns', async () => {
    const code = await issueCode(server);
    expectError((await request(code, 'Ed25519', (b) => delete b.label)).answer, 400, 'malformed');
    expectError((await request(code, 'Ed25519', (b) => (b.alg = 'RS256'))).answer, 400, 'malformed');
    expectError((await request(code, 'Ed25519', (b) => (b.alg = 'ES256'))).answer, 400, 'malformed');
    expectError((await request(code, 'Ed25519', (b) => (b.publicJwk = { ...b.publicJwk, d: 'secret' }))).answer, 400, 'malformed');
    // A P-256 "key" off the curve (its y moved by one): no crypto library imports it; it was a 500.
    const offCurve = await request(code, 'ES256', (b) => (b.publicJwk = { ...b.publicJwk, y: nudged(b.publicJwk.y) }));
    expectError(offCurve.answer, 400, 'malformed');
    expect(offCurve.answer.body.path).toBe('/publicJwk');
    expect((await request(code)).answer.status).toBe(201);
    expectError(await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'nope', role: 'inspector', collector: 'x' } }), 404, 'not-found');
    expectError(await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'boss', collector: 'x' } }), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'inspector', collector: '' } }), 400, 'malformed');
  });

  it('answers enrollments with a valid code and a mutated key, proof or body with a documented code, never a 500', async () => {
    const KNOWN = new Set(['malformed', 'bad-signature', 'unknown-code', 'code-used', 'code-expired']);
    const b64 = fc.uint8Array({ minLength: 0, maxLength: 40 }).map((b) => Buffer.from(b).toString('base64url'));
    const odd = fc.oneof(b64, fc.constantFrom<unknown>(null, 1, '', 'A'.repeat(43), 'A'.repeat(86), '_'.repeat(43), [], {}, '\ud800'));
    const member = fc.constantFrom('kty', 'crv', 'x', 'y', 'd', 'alg', 'proof', 'label', 'code', 'publicJwk');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<SigningAlg>('Ed25519', 'ES256'),
        fc.array(fc.tuple(member, odd), { minLength: 1, maxLength: 3 }),
        async (alg, changes) => {
          const code = await issueCode(server);
          const { answer } = await request(code, alg, (b) => {
            for (const [name, value] of changes) {
              if (name in b) b[name] = value;
              else b.publicJwk = { ...b.publicJwk, [name]: value };
            }
          });
          expect(answer.status, JSON.stringify({ changes, answer })).toBeLessThan(500);
          if (answer.status >= 400) expect(KNOWN.has(answer.body.error), JSON.stringify(answer.body)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('enrollment rate limit', () => {
  it('answers 429 rate-limited past the configured enrollments per minute', async () => {
    const [backend] = await availableBackends();
    const place = await backend!.create();
    const server = await startServer(place, { rateLimit: { enrollPerMinute: 3, adminPerMinute: 100 } });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await postJson(`${server.url}/api/v1/devices`, { code: 'X' }));
      expect(answers.slice(0, 3).map((a) => a.status)).toEqual([400, 400, 400]);
      expectError(answers[3]!, 429, 'rate-limited');
    } finally {
      await server.close();
      await place.destroy();
    }
  });
});
