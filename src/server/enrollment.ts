import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Campaign } from '../domain/campaign';
import { isoTime, uuidv7 } from '../domain/ids';
import { PROTOCOL } from '../protocol/canon';
import { SIGNING_ALGS, importPublicKey, jwkThumbprint, parsePublicJwk, verifyCanon } from '../protocol/keys';
import { pointer } from '../domain/validate';
import { PersonIdSchema } from '../domain/roster';
import { ApiError } from './http/errors';
import { rosterPerson, type RepresentativeTables } from './office/roster';
import { enrollmentCodeHash } from './store/migrations/007_codes_and_blobs';
import type { DeviceInfo, DeviceRole, Store } from './store/types';

export const ROLES = ['representative', 'inspector', 'coordinator'] as const satisfies readonly DeviceRole[];

/** Crockford base32: no I, L, O, U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 12; // 60 bits: unguessable within a code's lifetime under the enrollment rate limit

/** Upper case, without spaces or dashes: what the store keys codes by. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export const CodeRequestSchema = z
  .strictObject({
    campaignId: z.string().min(1).max(64),
    role: z.enum(ROLES),
    /** Free text, or (with `personId`) that person's id, which is the collector then. */
    collector: z.string().trim().min(1).max(128).optional(),
    /** A roster person of the campaign (PROTOCOL.md "Representatives"): the device is theirs. */
    personId: PersonIdSchema.optional(),
    ttlHours: z
      .number()
      .positive()
      .max(24 * 90)
      .optional(),
  })
  .superRefine((r, ctx) => {
    if (r.personId === undefined && r.collector === undefined)
      ctx.addIssue({ code: 'custom', path: ['collector'], message: 'name the collector or a roster person (personId)' });
    if (r.personId !== undefined && r.collector !== undefined && r.collector !== r.personId)
      ctx.addIssue({ code: 'custom', path: ['collector'], message: "with personId, the collector is that person's id" });
  });
export type CodeRequest = z.infer<typeof CodeRequestSchema>;

function malformed(err: z.ZodError, what: string): ApiError {
  const issue = err.issues[0]!;
  return new ApiError('malformed', `${what} is not valid at ${pointer(issue.path) || '/'}: ${issue.message}`, { path: pointer(issue.path) });
}

/**
 * Issues a one-time enrollment code (office side); the default lifetime is 72 hours. Logged as the
 * office action `enrollment-code` of `actor`.
 */
export async function issueEnrollmentCode(store: Store, input: unknown, now: number, actor: string): Promise<{ code: string; expiresAt: string }> {
  const parsed = CodeRequestSchema.safeParse(input);
  if (!parsed.success) throw malformed(parsed.error, 'The enrollment code request');
  const req = parsed.data;
  if (!(await store.getCampaign(req.campaignId))) throw new ApiError('not-found', `There is no campaign "${req.campaignId}" on this server.`);
  if (req.personId !== undefined) {
    const person = await rosterPerson(store.db.withTables<RepresentativeTables>(), req.campaignId, req.personId);
    if (!person)
      throw new ApiError('unknown-person', `There is no person "${req.personId}" in the roster of campaign "${req.campaignId}".`, { path: '/personId' });
    if (person.status !== 'approved' && person.status !== 'appointed')
      throw new ApiError('person-not-eligible', `${person.name} (${person.id}) is ${person.status}: only approved or appointed people get a tablet.`, {
        path: '/personId',
      });
  }
  let raw = '';
  for (let i = 0; i < CODE_CHARS; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  const expiresAt = isoTime(now + (req.ttlHours ?? 72) * 3_600_000);
  // Only its hash is stored: the code is shown this once, to the office that issued it.
  await store.createEnrollmentCode(
    {
      code: enrollmentCodeHash(raw),
      campaignId: req.campaignId,
      role: req.role,
      collector: req.personId ?? req.collector!,
      personId: req.personId ?? null,
      createdAt: isoTime(now),
      expiresAt,
      usedAt: null,
      deviceId: null,
    },
    actor,
  );
  return { code: raw.match(/.{1,4}/g)!.join('-'), expiresAt };
}

const EnrollRequestSchema = z.strictObject({
  code: z.string().min(1).max(64),
  alg: z.enum(SIGNING_ALGS),
  publicJwk: z.record(z.string(), z.unknown()),
  label: z.string().trim().min(1).max(100),
  proof: z.string().min(1).max(200),
});

export interface Enrolled {
  deviceId: string;
  keyId: string;
  role: DeviceRole;
  collector: string;
  campaign: Campaign;
}

/** Enrolls a tablet: a one-time code, and a proof that it holds the private key of `publicJwk`. */
export async function enrollDevice(store: Store, input: unknown, now: number): Promise<Enrolled> {
  const parsed = EnrollRequestSchema.safeParse(input);
  if (!parsed.success) throw malformed(parsed.error, 'The enrollment request');
  const req = parsed.data;
  const jwk = parsePublicJwk(req.alg, req.publicJwk);
  if (!jwk) throw new ApiError('malformed', `publicJwk is not a public ${req.alg} JWK (public members only).`, { path: '/publicJwk' });

  const code = await store.findEnrollmentCode(enrollmentCodeHash(normaliseCode(req.code)));
  if (!code) throw new ApiError('unknown-code', 'This enrollment code is not known; check it, or ask the office for a new one.');
  if (code.usedAt) throw new ApiError('code-used', 'This enrollment code was already used; ask the office for a new one.');
  if (code.expiresAt <= isoTime(now)) throw new ApiError('code-expired', 'This enrollment code has expired; ask the office for a new one.');

  const keyId = await jwkThumbprint(jwk);
  const key = await importPublicKey(req.alg, jwk);
  // The proof signs the code as the tablet sent it (before normalisation).
  if (!(await verifyCanon(req.alg, key, req.proof, { protocol: PROTOCOL, purpose: 'enroll', code: req.code, keyId }))) {
    throw new ApiError('bad-signature', 'The enrollment proof does not verify with the public key sent.');
  }
  const device: DeviceInfo | 'code-used' = await store.enrollDevice(
    code.code,
    { deviceId: uuidv7(now), label: req.label, alg: req.alg, keyId, publicJwk: jwk },
    isoTime(now),
  );
  if (device === 'code-used') throw new ApiError('code-used', 'This enrollment code was already used; ask the office for a new one.');
  const campaign = await store.getCampaign(device.campaignId);
  if (!campaign) throw new Error(`campaign ${device.campaignId} of an enrollment code is missing`);
  return { deviceId: device.deviceId, keyId, role: device.role, collector: device.collector, campaign };
}
