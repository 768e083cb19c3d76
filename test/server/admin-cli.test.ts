import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ITERATIONS, KeyFileError, openCampaignKeyFile, protectCampaignKey } from '../../src/protocol/keyfile';
import { runAdmin } from '../../src/server/cli/admin';
import { signEnrollment } from '../../src/protocol/build';
import { jwkThumbprint, minimalJwk, parsePublicJwk } from '../../src/protocol/keys';
import { DEMO_CAMPAIGN_PRIVATE_JWK } from '../../src/domain/demo-campaign';
import { newKeys } from './device';
import { availableBackends, postJson, startServer, type Place, type TestServer } from './harness';

const backends = await availableBackends();

async function admin(place: Place, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, {
    env: { PINGYI_DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(backends.map((b) => [b.name, b] as const))('npm run admin, beside a running server (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('issues a code with a QR code that a tablet then enrolls with; lists and revokes devices', async () => {
    const issued = await admin(place, 'enroll-code', '--campaign', 'demo', '--role', 'coordinator', '--collector', '赵六', '--ttl-hours', '24');
    expect(issued.code, issued.err).toBe(0);
    const code = /: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$/m.exec(issued.out)?.[1];
    expect(code).toBeDefined();
    expect(issued.out).toContain('▄'); // the QR code

    const keys = await newKeys('Ed25519');
    const publicJwk = minimalJwk(parsePublicJwk('Ed25519', await crypto.subtle.exportKey('jwk', keys.publicKey))!);
    const keyId = await jwkThumbprint(publicJwk);
    const enrolled = await postJson(`${server.url}/api/v1/devices`, {
      code,
      alg: 'Ed25519',
      publicJwk,
      label: '协调员平板',
      proof: await signEnrollment('Ed25519', keys.privateKey, code!, keyId),
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({ role: 'coordinator', collector: '赵六' });

    const list = await admin(place, 'devices');
    expect(list.out).toContain(enrolled.body.deviceId);
    expect(list.out).toContain('active');
    const revoked = await admin(place, 'revoke', enrolled.body.deviceId);
    expect(revoked.code).toBe(0);
    const after = (await server.admin('/api/v1/admin/devices')).body.devices.find((d: any) => d.deviceId === enrolled.body.deviceId);
    expect(after.revokedAt).toMatch(/Z$/);
  });

  it('fails with a clear message and a non-zero exit code', async () => {
    const bad = await admin(place, 'enroll-code', '--campaign', 'nope', '--role', 'inspector', '--collector', 'x');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no campaign "nope"/);
    expect((await admin(place, 'revoke', 'nobody')).err).toMatch(/no device nobody/);
    expect((await admin(place, 'frobnicate')).code).toBe(2);
    expect((await admin(place, 'help')).out).toContain('campaign-key');
    expect((await admin(place, 'help')).out).toContain('create-user');
  });
});

describe('campaign key files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a passphrase-protected key pair that WebCrypto opens again, and never overwrites one', async () => {
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'correct horse battery staple\n');
    const out = join(dir, 'key.json');
    const place = { dataDir: dir, destroy: async () => {} };
    const r = await admin(place, 'campaign-key', '--out', out, '--campaign', 'c2026', '--passphrase-file', pass);
    expect(r.code, r.err).toBe(0);
    const publicJwk = JSON.parse(r.out.split('\n').at(-1)!);
    expect(publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const text = readFileSync(out, 'utf8');
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      format: 'pingyi-campaign-key',
      v: 1,
      campaignId: 'c2026',
      publicJwk,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: DEFAULT_ITERATIONS },
    });
    expect(text).not.toContain('"d"');
    const opened = await openCampaignKeyFile(text, 'correct horse battery staple');
    expect(opened.campaignId).toBe('c2026');
    expect(opened.privateJwk).toMatchObject(publicJwk);
    await expect(openCampaignKeyFile(text, 'wrong horse battery staple')).rejects.toMatchObject({ problem: 'wrong-passphrase' });
    // The campaign named in the file is authenticated: changing it breaks the file.
    await expect(openCampaignKeyFile({ ...file, campaignId: 'other' }, 'correct horse battery staple')).rejects.toBeInstanceOf(KeyFileError);
    const again = await admin(place, 'campaign-key', '--out', out, '--passphrase-file', pass);
    expect(again.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(text);
    writeFileSync(join(dir, 'short'), 'short\n');
    expect((await admin(place, 'campaign-key', '--out', join(dir, 'k2.json'), '--passphrase-file', join(dir, 'short'))).err).toMatch(/12 characters/);
    expect(existsSync(join(dir, 'k2.json'))).toBe(false);
  });

  it('refuses files that are not key files, or too weakly protected', async () => {
    await expect(openCampaignKeyFile('not json', 'x')).rejects.toMatchObject({ problem: 'not-a-key-file' });
    await expect(openCampaignKeyFile(JSON.stringify(DEMO_CAMPAIGN_PRIVATE_JWK), 'x')).rejects.toMatchObject({ problem: 'not-a-key-file' });
    const weak = await protectCampaignKey(DEMO_CAMPAIGN_PRIVATE_JWK, 'passphrase long', { iterations: 1000, createdAt: '2026-11-21T00:00:00.000Z' });
    await expect(openCampaignKeyFile(weak, 'passphrase long')).rejects.toMatchObject({ problem: 'not-a-key-file' });
  });
});
