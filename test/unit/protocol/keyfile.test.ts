// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { b64u, canon } from '../../../src/protocol/canon';
import {
  KEY_FILE_FORMAT,
  KeyFileError,
  MIN_ITERATIONS,
  newCampaignKeyPair,
  openCampaignKeyFile,
  protectCampaignKey,
  type CampaignKeyFile,
} from '../../../src/protocol/keyfile';

// The campaign key file (保存密钥文件): a P-256 private key under a passphrase (PBKDF2-SHA-256 and
// AES-256-GCM), every field but the ciphertext authenticated. What a file that is not one, or a
// file altered or opened with the wrong passphrase, gets.

const PASS = 'correct horse battery staple';
const CREATED = '2026-11-02T08:00:00.000Z';

async function problemOf(input: unknown, passphrase = PASS): Promise<[string, string, string]> {
  try {
    await openCampaignKeyFile(input, passphrase);
  } catch (e) {
    if (!(e instanceof KeyFileError)) throw e;
    return [e.name, e.problem, e.message];
  }
  throw new Error('the file opened');
}
const NOT_A_KEY_FILE = ['KeyFileError', 'not-a-key-file', 'this is not a campaign key file'];
const WRONG_PASSPHRASE = ['KeyFileError', 'wrong-passphrase', 'the passphrase is wrong, or the file was altered'];

// Each opening derives its key with PBKDF2 at the file's 310,000 iterations, on purpose slow: the
// test that forges three files and opens them derives six keys, well over 5 s when the test run's
// other lanes hold both cores (seen once in CI).
describe('campaign key files', { timeout: 60_000 }, () => {
  let pair: Awaited<ReturnType<typeof newCampaignKeyPair>>;
  let file: CampaignKeyFile;
  beforeAll(async () => {
    pair = await newCampaignKeyPair();
    file = await protectCampaignKey(pair.privateJwk, PASS, { campaignId: 'demo', iterations: MIN_ITERATIONS, createdAt: CREATED });
  });

  it('makes a P-256 pair whose public half is the private one without d', () => {
    expect(pair.privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(pair.publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: pair.privateJwk.x, y: pair.privateJwk.y });
    expect(typeof pair.privateJwk.d).toBe('string');
  });

  it('opens with its passphrase, from text or parsed, to the same private key and campaign', async () => {
    expect(file).toMatchObject({ format: KEY_FILE_FORMAT, v: 1, campaignId: 'demo', createdAt: CREATED, publicJwk: pair.publicJwk });
    expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: MIN_ITERATIONS });
    for (const input of [file, JSON.stringify(file)]) {
      expect(await openCampaignKeyFile(input, PASS)).toEqual({ campaignId: 'demo', privateJwk: pair.privateJwk });
    }
  });

  it('refuses an empty passphrase when protecting a key', async () => {
    await expect(protectCampaignKey(pair.privateJwk, '', { createdAt: CREATED })).rejects.toThrow(new RangeError('the passphrase is empty'));
  });

  it('says the passphrase is wrong, or the file altered, when it does not open', async () => {
    expect(await problemOf(file, 'wrong passphrase')).toEqual(WRONG_PASSPHRASE);
    // Every field but the ciphertext is authenticated: changing one is an altered file.
    expect(await problemOf({ ...file, createdAt: '2026-11-03T08:00:00.000Z' })).toEqual(WRONG_PASSPHRASE);
    expect(await problemOf({ ...file, campaignId: 'other' })).toEqual(WRONG_PASSPHRASE);
    expect(await problemOf({ ...file, campaignId: null })).toEqual(WRONG_PASSPHRASE);
  });

  it('says it is not a key file for text that is not JSON and for every field of the wrong shape', async () => {
    const changed: [string, unknown][] = [
      ['not JSON', '{"format":'],
      ['null', null],
      ['null text', 'null'],
      ['format', { ...file, format: 'pingyi-device-key' }],
      ['version', { ...file, v: 2 }],
      ['campaignId', { ...file, campaignId: 7 }],
      ['campaignId missing', { ...file, campaignId: undefined }],
      ['publicJwk missing', { ...file, publicJwk: undefined }],
      ['publicJwk kty', { ...file, publicJwk: { ...file.publicJwk, kty: 'OKP' } }],
      ['publicJwk x', { ...file, publicJwk: { ...file.publicJwk, x: 1 } }],
      ['publicJwk y', { ...file, publicJwk: { ...file.publicJwk, y: null } }],
      ['kdf missing', { ...file, kdf: undefined }],
      ['kdf name', { ...file, kdf: { ...file.kdf, name: 'scrypt' } }],
      ['kdf hash', { ...file, kdf: { ...file.kdf, hash: 'SHA-1' } }],
      ['iterations not whole', { ...file, kdf: { ...file.kdf, iterations: MIN_ITERATIONS + 0.5 } }],
      ['iterations too few', { ...file, kdf: { ...file.kdf, iterations: MIN_ITERATIONS - 1 } }],
      ['iterations too many', { ...file, kdf: { ...file.kdf, iterations: 10_000_001 } }],
      ['salt', { ...file, kdf: { ...file.kdf, salt: 5 } }],
      ['cipher missing', { ...file, cipher: undefined }],
      ['cipher name', { ...file, cipher: { ...file.cipher, name: 'AES-128-CBC' } }],
      ['iv', { ...file, cipher: { ...file.cipher, iv: [1, 2] } }],
      ['ciphertext', { ...file, ciphertext: undefined }],
      ['createdAt', { ...file, createdAt: 1764662400000 }],
    ];
    for (const [what, input] of changed) expect(await problemOf(input), what).toEqual(NOT_A_KEY_FILE);
  });

  it('says it is not a key file when the key inside is not the public key it names', async () => {
    // A well-formed file, authenticated as a whole, whose ciphertext holds another key: made as
    // protectCampaignKey makes one, with the public key of the first pair and the private key of a second.
    const other = await newCampaignKeyPair();
    const forged = async (inside: { x: string; y: string }) => {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const head = { ...file, kdf: { ...file.kdf, salt: b64u(salt) }, cipher: { ...file.cipher, iv: b64u(iv) } };
      const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASS), 'PBKDF2', false, ['deriveKey']);
      const key = await crypto.subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: MIN_ITERATIONS },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt'],
      );
      const { ciphertext: _, ...aad } = head;
      const plain = new TextEncoder().encode(JSON.stringify({ ...pair.privateJwk, ...inside }));
      const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: canon(aad) as BufferSource }, key, plain);
      return { ...head, ciphertext: b64u(new Uint8Array(ct)) };
    };
    expect(await problemOf(await forged({ x: other.publicJwk.x, y: pair.publicJwk.y }))).toEqual(NOT_A_KEY_FILE);
    expect(await problemOf(await forged({ x: pair.publicJwk.x, y: other.publicJwk.y }))).toEqual(NOT_A_KEY_FILE);
    // The same construction with the right key opens: the forgery above differs only in the key.
    expect((await openCampaignKeyFile(await forged({ x: pair.publicJwk.x, y: pair.publicJwk.y }), PASS)).privateJwk).toEqual(pair.privateJwk);
  });
});
