import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import { b64u, canon, fromB64u, PROTOCOL } from '../protocol/canon';
import type { Sealed } from '../domain/records';

/**
 * HPKE (RFC 9180) base mode, DHKEM(P-256, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, as PROTOCOL.md
 * prescribes for confidential fields. The suite object holds no secrets; one is made per call so
 * that this module keeps no state.
 */
export const SEALED_ALG = 'HPKE-P256-SHA256-AES256GCM' as const;

/** Length of `enc` for DHKEM(P-256): an uncompressed point. */
export const P256_ENC_BYTES = 65;

function suite(): CipherSuite {
  return new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
}

/** info of a record's confidential fields: canon({"protocol":"pingyi/1","recordId":id}). */
export function secretInfo(recordId: string): Uint8Array {
  return canon({ protocol: PROTOCOL, recordId });
}

/**
 * info of a sealed attachment (a covert visit's photo): canon({"protocol":"pingyi/1","recordId":id,
 * "purpose":"attachment"}). Binding the record id stops a photo being passed off as another
 * record's evidence; each photo has its own ephemeral key, so photos of one record can share it.
 */
export function blobInfo(recordId: string): Uint8Array {
  return canon({ protocol: PROTOCOL, recordId, purpose: 'attachment' });
}

/**
 * info of a roster person's sealed contact (PROTOCOL.md "Representatives"):
 * canon({"protocol":"pingyi/1","campaignId":…,"personId":…,"purpose":"contact"}), so a contact
 * cannot be moved to another person or campaign.
 */
export function contactInfo(campaignId: string, personId: string): Uint8Array {
  return canon({ protocol: PROTOCOL, campaignId, personId, purpose: 'contact' });
}

type PublicP256Jwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string };

async function importRecipient(s: CipherSuite, jwk: PublicP256Jwk): Promise<CryptoKey> {
  // Only the public members: a JWK with key_ops/alg from elsewhere must not change how it imports.
  return s.kem.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, true);
}

/** Encrypts a record's confidential fields (plaintext = canon(secret)) to the campaign key. */
export async function encryptSecret(campaignKeyJwk: PublicP256Jwk, recordId: string, secret: Record<string, unknown>): Promise<Sealed> {
  const s = suite();
  const recipientPublicKey = await importRecipient(s, campaignKeyJwk);
  const out = await s.seal({ recipientPublicKey, info: secretInfo(recordId) }, canon(secret));
  return { alg: SEALED_ALG, enc: b64u(new Uint8Array(out.enc)), ct: b64u(new Uint8Array(out.ct)) };
}

/** Seals a roster person's contact (plaintext canon({"contact": text})) to the campaign key. */
export async function encryptContact(campaignKeyJwk: PublicP256Jwk, campaignId: string, personId: string, contact: string): Promise<Sealed> {
  const s = suite();
  const recipientPublicKey = await importRecipient(s, campaignKeyJwk);
  const out = await s.seal({ recipientPublicKey, info: contactInfo(campaignId, personId) }, canon({ contact }));
  return { alg: SEALED_ALG, enc: b64u(new Uint8Array(out.enc)), ct: b64u(new Uint8Array(out.ct)) };
}

/**
 * Encrypts a photo for a sealed attachment. The blob sent and stored is enc ‖ ciphertext (65 bytes
 * of `enc`, then AES-256-GCM output); its SHA-256 is the attachment's `sha256`, and `mime` names
 * the plaintext's type.
 */
export async function encryptBlob(campaignKeyJwk: PublicP256Jwk, recordId: string, bytes: Uint8Array): Promise<Uint8Array> {
  const s = suite();
  const recipientPublicKey = await importRecipient(s, campaignKeyJwk);
  const out = await s.seal({ recipientPublicKey, info: blobInfo(recordId) }, bytes);
  const enc = new Uint8Array(out.enc);
  const ct = new Uint8Array(out.ct);
  const blob = new Uint8Array(enc.length + ct.length);
  blob.set(enc, 0);
  blob.set(ct, enc.length);
  return blob;
}

/**
 * The campaign's private key as the console holds it: a private JWK, an extractable ECDH P-256
 * CryptoKey, or a key pair. A NON-extractable private key must come as its pair: HPKE needs the
 * recipient's public key, which cannot otherwise be derived from it exactly.
 */
export type CampaignPrivateKey = CryptoKeyPair | CryptoKey | (JsonWebKey & { d: string });

async function recipientKey(s: CipherSuite, key: CampaignPrivateKey): Promise<CryptoKey | CryptoKeyPair> {
  if ('privateKey' in key && 'publicKey' in key) return key;
  if (!('kty' in key)) return key as CryptoKey;
  const jwk = key as JsonWebKey;
  return s.kem.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, false);
}

/** Decrypts a record's `sealed` back to the confidential object; throws when the key or record id is wrong. */
export async function decryptSealed(privateKey: CampaignPrivateKey, recordId: string, sealed: Sealed): Promise<Record<string, unknown>> {
  if (sealed.alg !== SEALED_ALG) throw new Error(`unknown sealed alg ${String(sealed.alg)}`);
  const s = suite();
  const pt = await s.open({ recipientKey: await recipientKey(s, privateKey), enc: fromB64u(sealed.enc), info: secretInfo(recordId) }, fromB64u(sealed.ct));
  return JSON.parse(new TextDecoder().decode(pt)) as Record<string, unknown>;
}

/** Decrypts a sealed attachment blob (enc ‖ ciphertext) back to the photo's bytes. */
export async function decryptBlob(privateKey: CampaignPrivateKey, recordId: string, blob: Uint8Array): Promise<Uint8Array> {
  if (blob.length <= P256_ENC_BYTES) throw new Error('sealed attachment too short');
  const s = suite();
  const pt = await s.open(
    { recipientKey: await recipientKey(s, privateKey), enc: blob.slice(0, P256_ENC_BYTES), info: blobInfo(recordId) },
    blob.slice(P256_ENC_BYTES),
  );
  return new Uint8Array(pt);
}

/** Opens a roster person's sealed contact; throws when the key, campaign or person is wrong. */
export async function decryptContact(privateKey: CampaignPrivateKey, campaignId: string, personId: string, sealed: Sealed): Promise<string> {
  if (sealed.alg !== SEALED_ALG) throw new Error(`unknown sealed alg ${String(sealed.alg)}`);
  const s = suite();
  const pt = await s.open(
    { recipientKey: await recipientKey(s, privateKey), enc: fromB64u(sealed.enc), info: contactInfo(campaignId, personId) },
    fromB64u(sealed.ct),
  );
  const parsed = JSON.parse(new TextDecoder().decode(pt)) as { contact?: unknown };
  if (typeof parsed.contact !== 'string') throw new Error('a sealed contact holds no contact text');
  return parsed.contact;
}
