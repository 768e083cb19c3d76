import { configure } from '@testing-library/preact';
import type { FetchLike } from '../../../src/ui/console/api';
import type { Campaign, DeviceRow, Person, SignedTally } from '../../../src/ui/console/api-types';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { accumulate, computeTally, type F2fAnswer, type ManualScores } from '../../../src/domain/scoring';
import { jwkThumbprint, signCanon, type PublicJwk } from '../../../src/protocol/keys';

// WebCrypto work (signatures, HPKE, PBKDF2) is slow on a busy machine: wait up to 5 s for the screen.
configure({ asyncUtilTimeout: 5000 });

/** One request as the fake server saw it. */
export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

export type Handler = (req: Seen) => { status?: number; body?: unknown; bytes?: Uint8Array } | Promise<{ status?: number; body?: unknown; bytes?: Uint8Array }>;

/**
 * A fetch that answers like the central endpoint (PROTOCOL.md shapes), from a table of
 * "METHOD /path" → handler. Unknown addresses answer 404 not-found, as the server does.
 */
export function fakeServer(routes: Record<string, Handler>) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input, 'http://console.test');
    const method = init?.method ?? 'GET';
    const req: Seen = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init?.credentials,
    };
    seen.push(req);
    const handler = routes[`${method} ${url.pathname}`];
    const out = handler ? await handler(req) : { status: 404, body: { error: 'not-found', message: 'Nothing is found at this address.' } };
    const status = out.status ?? 200;
    if (out.bytes) return new Response(out.bytes as BodyInit, { status, headers: { 'content-type': 'application/octet-stream' } });
    if (status === 204) return new Response(null, { status });
    return new Response(JSON.stringify(out.body ?? {}), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen, calls: (m: string, p: string) => seen.filter((s) => s.method === m && s.path === p) };
}

export const ADMIN: Person = { username: 'wang.li', role: 'office-admin', displayName: '王丽' };
export const COORDINATOR: Person = { username: 'zhao', role: 'coordinator', displayName: '赵强' };
export const UNAUTHORIZED = { status: 401, body: { error: 'unauthorized', message: 'Sign in, or send the admin token.' } };

export const CAMPAIGN: Campaign = DEMO_CAMPAIGN;

export function device(over: Partial<DeviceRow>): DeviceRow {
  return {
    deviceId: 'dev-0001',
    label: '平板 1',
    role: 'representative',
    collector: '李娜',
    alg: 'Ed25519',
    headSeq: 12,
    lastBatchAt: '2026-11-21T09:30:00.000Z',
    revokedAt: null,
    campaignId: 'demo',
    keyId: 'k'.repeat(43),
    enrolledAt: '2026-11-20T08:00:00.000Z',
    ...over,
  };
}

/** n questionnaires of one group about one unit at one level, every dimension rated alike. */
function answers(unitId: string, raterGroup: string, level: string, n: number): F2fAnswer[] {
  const ratings = Object.fromEntries(CAMPAIGN.dimensions.map((d) => [d.id, level]));
  return Array.from({ length: n }, () => ({ unitId, raterGroup, overall: level, ratings }));
}

/** The answers of sampleTally, counted. */
export function sampleAggregate() {
  return accumulate([
    ...answers('brigade1', 'expert', 'very', 40),
    ...answers('brigade1', 'public', 'fairly', 40),
    ...answers('brigade1', 'client', 'very', 50),
    ...answers('office', 'expert', 'neutral', 12),
    ...answers('office', 'public', 'fairly', 35),
    ...answers('office', 'client', 'fairly', 40),
    ...answers('law', 'public', 'less', 31),
    ...answers('law', 'client', 'fairly', 30),
  ]);
}

/**
 * A tally computed by the domain code itself: brigade1 answered well by every group, office with
 * a small expert sample, law with no expert answers at all, the rest with no answers (unranked).
 */
export function sampleTally(
  manual: ManualScores = {
    scores: { brigade1: { daily: 90, network: 80 }, office: { daily: 85, network: 70 }, law: { daily: 70, network: 60 } },
    bonusRanking: [],
  },
) {
  const agg = sampleAggregate();
  return computeTally(CAMPAIGN, agg, manual, {
    campaignVersion: 1,
    campaignHash: 'cd'.repeat(32),
    computedAt: '2026-11-21T09:30:00.000Z',
    logSize: 1234,
    logRoot: 'ab'.repeat(32),
  });
}

/** The server's receipt key and a tally signed with it, as GET …/tally and /server-key answer. */
export async function signedTally(tally = sampleTally()): Promise<{ signed: SignedTally; serverKey: { alg: 'Ed25519'; jwk: PublicJwk; keyId: string } }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as { x: string };
  const publicJwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  const serverSig = await signCanon('Ed25519', pair.privateKey, tally);
  return { signed: { tally, serverSig }, serverKey: { alg: 'Ed25519', jwk: publicJwk, keyId: await jwkThumbprint(publicJwk) } };
}
