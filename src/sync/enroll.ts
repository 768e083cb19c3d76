import { CampaignSchema } from '../domain/campaign';
import { isoTime } from '../domain/ids';
import { signEnrollment } from '../protocol/build';
import { jwkThumbprint } from '../protocol/keys';
import { generateDeviceKey, type DeviceKeyPair } from '../platform/keys';
import { DEVICE_KEY } from '../store/device-key';
import type { PingyiDb } from '../store/db';
import { unsentCount } from '../store/queries';
import { serverClient, type FetchFn } from './http';
import { checkServerKey } from './receipts';
import { KV, readEnrollment, readOutboxState, type Enrollment, type Role } from './state';

export type EnrollErrorCode =
  'unknown-code' | 'code-used' | 'code-expired' | 'bad-signature' | 'network' | 'bad-address' | 'bad-server-key' | 'bad-answer' | 'unsent-records' | 'refused';

/** Why enrolling failed; `serverMessage` is the server's own sentence when it gave one. */
export class EnrollError extends Error {
  constructor(
    readonly code: EnrollErrorCode,
    readonly serverMessage?: string,
  ) {
    super(serverMessage ?? code);
    this.name = 'EnrollError';
  }
}

export interface EnrollInput {
  serverUrl: string;
  code: string;
  label: string;
  fetchFn: FetchFn;
  now?: () => number;
  /** Tests choose the algorithm; the tablet prefers Ed25519 and falls back to ES256. */
  makeKey?: () => Promise<DeviceKeyPair>;
}

/** Normalises what the user typed as the server's address; null when it is not an http(s) address. */
export function normaliseServerUrl(input: string): string | null {
  let s = input.trim();
  if (!s) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = (/^(localhost|127\.|\[::1\])/.test(s) ? 'http://' : 'https://') + s;
  try {
    const u = new URL(s);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return (u.origin + u.pathname).replace(/\/+$/, '');
  } catch {
    return null;
  }
}

const ROLES: readonly Role[] = ['representative', 'inspector', 'coordinator'];

/**
 * Enrolls this tablet with a one-time code: fetches the server's receipt key (kept for verifying
 * receipts offline), makes the device key pair, proves possession over the code, and stores the
 * enrollment, the private key and the campaign in one transaction once the server has accepted.
 */
export async function enrollDevice(db: PingyiDb, input: EnrollInput): Promise<Enrollment> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  if (!serverUrl) throw new EnrollError('bad-address');
  const code = input.code.trim();
  if (!code) throw new EnrollError('unknown-code');

  // A new key would orphan records signed by the old one: they must reach the server first.
  const current = await readEnrollment(db);
  if (current) {
    const unsent = await unsentCount(db, current.deviceId);
    if (unsent > 0) throw new EnrollError('unsent-records', String(unsent));
  }

  const client = serverClient(serverUrl, input.fetchFn);
  const keyAnswer = await client.getServerKey();
  if (keyAnswer.kind === 'retry') throw new EnrollError('network', keyAnswer.reason);
  if (keyAnswer.kind === 'refused') throw new EnrollError('refused', keyAnswer.message);
  const serverKey = await checkServerKey(keyAnswer.body);
  if (!serverKey) throw new EnrollError('bad-server-key');

  const pair = await (input.makeKey ?? generateDeviceKey)();
  const keyId = await jwkThumbprint(pair.publicJwk);
  const proof = await signEnrollment(pair.alg, pair.privateKey, code, keyId);
  const answer = await client.enroll({ code, alg: pair.alg, publicJwk: pair.publicJwk, label: input.label, proof });
  if (answer.kind === 'retry') throw new EnrollError('network', answer.reason);
  if (answer.kind === 'refused') {
    const known: EnrollErrorCode[] = ['unknown-code', 'code-used', 'code-expired', 'bad-signature'];
    const c = known.find((k) => k === answer.error) ?? 'refused';
    throw new EnrollError(c, answer.message);
  }

  const b = answer.body as { deviceId?: unknown; keyId?: unknown; role?: unknown; collector?: unknown; campaign?: unknown };
  const campaign = CampaignSchema.safeParse(b.campaign);
  if (
    typeof b.deviceId !== 'string' ||
    !b.deviceId ||
    b.keyId !== keyId ||
    typeof b.collector !== 'string' ||
    !ROLES.includes(b.role as Role) ||
    !campaign.success
  ) {
    throw new EnrollError('bad-answer');
  }
  const now = (input.now ?? Date.now)();
  const enrollment: Enrollment = {
    serverUrl,
    deviceId: b.deviceId,
    keyId,
    alg: pair.alg,
    collector: b.collector,
    role: b.role as Role,
    campaignId: campaign.data.id,
    enrolledAt: isoTime(now),
  };
  await db.transaction('rw', db.kv, db.campaigns, async () => {
    await db.kv.put({ key: KV.enrollment, value: enrollment });
    await db.kv.put({ key: DEVICE_KEY, value: pair.privateKey });
    await db.kv.put({ key: KV.serverKey, value: serverKey });
    // A new device starts a new chain: nothing of the previous device's outbox applies, except the
    // audit-log head last seen on the same server (the log is per server, not per device).
    const before = await readOutboxState(db);
    const checkpoint = current?.serverUrl === serverUrl ? before.checkpoint : undefined;
    await db.kv.put({ key: KV.outbox, value: { attempts: 0, ...(checkpoint ? { checkpoint } : {}) } });
    await db.campaigns.put({ id: campaign.data.id, definition: campaign.data, source: 'enrolled', savedAt: isoTime(now) });
  });
  return enrollment;
}
