// @vitest-environment node
// Node's environment: under jsdom, the global ArrayBuffer belongs to another realm than Node's
// WebCrypto, and @hpke/core's internal buffers are then refused by crypto.subtle.
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN, DEMO_CAMPAIGN_PRIVATE_JWK } from '../../../src/domain/demo-campaign';
import { uuidv7 } from '../../../src/domain/ids';
import { b64u, canon } from '../../../src/protocol/canon';
import { decryptBlob, decryptContact, decryptSealed, encryptBlob, encryptContact, encryptSecret, P256_ENC_BYTES } from '../../../src/platform/hpke';

describe('HPKE', () => {
  const key = DEMO_CAMPAIGN.encryptionKey!;
  it('encrypts confidential fields on the tablet and decrypts them with the campaign private key', async () => {
    const id = uuidv7();
    const secret = { contactName: '王芳', phone: '13800000000', description: '窗口人员态度恶劣' };
    const sealed = await encryptSecret(key, id, secret);
    expect(sealed.alg).toBe('HPKE-P256-SHA256-AES256GCM');
    expect(sealed.enc).toMatch(/^[A-Za-z0-9_-]{87}$/); // 65 bytes
    expect(JSON.stringify(sealed)).not.toContain('13800000000');
    expect(await decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, id, sealed)).toEqual(secret);
    // The plaintext is canon(secret): its ciphertext is 16 bytes (the tag) longer.
    expect(Math.ceil(((canon(secret).length + 16) * 4) / 3)).toBe(sealed.ct.length);
  });

  it('fails for another record id (info binds the record) and for a wrong key', async () => {
    const id = uuidv7();
    const sealed = await encryptSecret(key, id, { a: 1 });
    await expect(decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, uuidv7(), sealed)).rejects.toThrow();
    const other = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const otherJwk = (await crypto.subtle.exportKey('jwk', other.privateKey)) as JsonWebKey & { d: string };
    await expect(decryptSealed(otherJwk, id, sealed)).rejects.toThrow();
    await expect(decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, id, sealed)).resolves.toEqual({ a: 1 });
  });

  it("seals a roster person's contact to the campaign key, bound to the campaign and the person", async () => {
    const sealed = await encryptContact(key, 'demo', 'p-001', '13800000000 城关镇');
    expect(JSON.stringify(sealed)).not.toContain('13800000000');
    expect(await decryptContact(DEMO_CAMPAIGN_PRIVATE_JWK, 'demo', 'p-001', sealed)).toBe('13800000000 城关镇');
    await expect(decryptContact(DEMO_CAMPAIGN_PRIVATE_JWK, 'demo', 'p-002', sealed)).rejects.toThrow();
    await expect(decryptContact(DEMO_CAMPAIGN_PRIVATE_JWK, 'other', 'p-001', sealed)).rejects.toThrow();
  });

  it('decrypts with a non-extractable key pair too', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const id = uuidv7();
    const sealed = await encryptSecret({ kty: 'EC', crv: 'P-256', x: pub.x!, y: pub.y! }, id, { n: '李' });
    expect(await decryptSealed(pair, id, sealed)).toEqual({ n: '李' });
  });

  it('round-trips a sealed photo as enc ‖ ciphertext', async () => {
    const id = uuidv7();
    const photo = crypto.getRandomValues(new Uint8Array(50_000));
    const blob = await encryptBlob(key, id, photo);
    expect(blob.length).toBe(P256_ENC_BYTES + photo.length + 16);
    expect(await decryptBlob(DEMO_CAMPAIGN_PRIVATE_JWK, id, blob)).toEqual(photo);
    await expect(decryptBlob(DEMO_CAMPAIGN_PRIVATE_JWK, uuidv7(), blob)).rejects.toThrow();
    // A photo's info differs from the record's: a photo cannot be passed off as sealed fields.
    const asSealed = { alg: 'HPKE-P256-SHA256-AES256GCM' as const, enc: b64u(blob.slice(0, P256_ENC_BYTES)), ct: b64u(blob.slice(P256_ENC_BYTES)) };
    await expect(decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, id, asSealed)).rejects.toThrow();
  });
});
