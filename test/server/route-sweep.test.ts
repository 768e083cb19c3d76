import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { registeredRoutes, signIn } from './helpers';
import { fieldDay } from './office-fixture';

const backends = await availableBackends();

/**
 * Bodies an attacker holding the admin token (or a session, or a device key) might send to any route:
 * each as the raw JSON text it would write. Every one must be refused with a code and a sentence,
 * or taken; never a 500, and never an answer that is not the protocol's shape.
 */
const BODIES: [string, string][] = [
  ['null', 'null'],
  ['an array', '[]'],
  ['a string', '"x"'],
  ['a number', '-1e308'],
  ['a prototype key', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  ['deep nesting', '['.repeat(5000) + ']'.repeat(5000)],
  ['not JSON', '{"a":'],
  [
    // Plain text only, so that the handlers' own validation sees it (the input guard refuses NULs first).
    'every usual field of the wrong type',
    JSON.stringify({
      id: {},
      campaignId: ['demo'],
      unitId: 7,
      unitIds: 'brigade1',
      name: null,
      reason: { text: 'x' },
      scores: 'high',
      bonusRanking: {},
      version: -1,
      username: ['zhao'],
      password: 12345678901234,
      role: '__proto__',
      part: [],
      units: [null],
      decisions: [{}],
      records: 'all',
      deadline: '2026-13-45',
      kind: 'constructor',
      text: true,
      items: [[[]]],
      people: [{ name: 1 }],
      quotas: { toString: 1 },
    }),
  ],
  ['text no store can hold', JSON.stringify({ reason: 'x\u0000y', name: '\ud800', unitId: 'brigade1', campaignId: 'x'.repeat(5000) })],
];

/** Query strings the same attacker might add to a GET. */
const QUERIES = ['?campaignId=a&campaignId=b', '?limit=-1&after=abc&offset=1e400', '?format=__proto__&unitId=%00', `?q=${'x'.repeat(5000)}`];

/** The query parameters the GET routes read, each given alone with values of the wrong kind. */
const QUERY_KEYS = [
  'campaignId',
  'type',
  'unitId',
  'unit',
  'after',
  'limit',
  'format',
  'opinions',
  'lang',
  'state',
  'deviceId',
  'hash',
  'size',
  'from',
  'to',
  'confirm',
];
const ODD_VALUES = ['-1', '1e400', '__proto__', 'x'.repeat(190), '0x10', '%20', '9007199254740993', 'NaN'];

/** Path parameters: a held value (the route does its work), then values no row can have. */
const HOSTILE_PARAMS = ['__proto__', 'x%00y', 'x'.repeat(300), '%E4%B8', '..%2F..%2Fetc'];

/**
 * A refusal in the protocol's shape (PROTOCOL.md "Errors"): a code of lower-case words and a
 * sentence. Pages outside /api/ (the public 通报 page) answer HTML, and only may not fail.
 */
function expectShaped(what: string, path: string, status: number, text: string, type: string | null) {
  expect(status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(status, `${what}: throttled, so the sweep would check nothing more`).not.toBe(429);
  if (status < 400 || !path.startsWith('/api/')) return;
  expect(type ?? '', `${what}: ${status} ${text.slice(0, 200)}`).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: unknown; message?: unknown };
  expect(body.error, `${what}: ${text.slice(0, 200)}`).toMatch(/^[a-z]+(-[a-z]+)*$/);
  expect(typeof body.message === 'string' && body.message.length > 10, `${what}: ${text.slice(0, 200)}`).toBe(true);
}

describe.each(backends)('every route, as an attacker would call it ($name)', (backend) => {
  let place: Place;
  let server: TestServer;
  /** Session cookies of a coordinator and of a unit account (被评单位 brigade1). */
  const cookies = { coordinator: '', unit: '' };
  let recordHash = '';
  const params: Record<string, string> = { id: 'demo', n: '1', sha256: '0'.repeat(64), username: 'zhao.coord' };
  beforeAll(async () => {
    place = await backend.create();
    // The admin routes' own limit (600 a minute), and the throttle of refused authentications (the
    // coordinator is refused on office-admin routes), would answer 429 long before the sweep is done.
    server = await startServer(place, { authThrottle: { maxFailures: 1_000_000, windowMs: 60_000 } }, { PINGYI_RATE_ADMIN: '100000' });
    const { records } = await fieldDay(server);
    recordHash = await H(records[0]!);
    const item = await server.admin('/api/v1/admin/campaigns/demo/rectifications', {
      body: { unitId: 'brigade1', problem: '窗口态度', sources: [], deadline: '2030-01-01' },
    });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    params.itemId = item.body.id;
    const password = 'correct horse battery';
    expect((await server.admin('/api/v1/admin/users', { body: { username: 'zhao.coord', role: 'coordinator', password } })).status).toBe(201);
    cookies.coordinator = await signIn(server, 'zhao.coord', password);
    const unit = { username: 'brigade1.unit', role: 'unit', unitId: 'brigade1', password };
    expect((await server.admin('/api/v1/admin/users', { body: unit })).status).toBe(201);
    cookies.unit = await signIn(server, unit.username, password);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  /** Calls a path with the admin token (or a session's cookie) and checks the answer's shape. */
  let calls = 0;
  const call = async (what: string, method: string, path: string, body?: string, auth: 'token' | keyof typeof cookies = 'token') => {
    calls++;
    const res = await fetch(server.url + path, {
      method,
      headers: {
        ...(auth === 'token' ? { authorization: `Bearer ${server.adminToken}` } : { cookie: cookies[auth], origin: server.url }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    });
    const text = await res.text();
    expectShaped(what, path, res.status, text, res.headers.get('content-type'));
    return res.status;
  };

  it('answers hostile bodies, queries and path parameters with a shaped refusal or the work, never a 500', { timeout: 240_000 }, async () => {
    // Batches have their own fuzz test (fuzz.test.ts); the rest are swept here, routes added later included.
    const routes = registeredRoutes(server.app).filter(([method, path]) => !(method === 'POST' && path === '/api/v1/batches'));
    expect(routes.length).toBeGreaterThan(60);
    const wrongTypes = BODIES.find(([name]) => name.startsWith('every usual field'))!;
    for (const [r, [method, path]] of routes.entries()) {
      const held = path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'x');
      // A unit account's own routes take its session; the rest are the office's.
      const session = path.startsWith('/api/v1/unit/') ? 'unit' : 'coordinator';
      if (method === 'GET') {
        for (const q of QUERIES) await call(`${method} ${path}${q}`, method, held + q);
        // Each parameter alone with one of the odd values, another for each route: every value meets every parameter somewhere.
        for (const [k, key] of QUERY_KEYS.entries()) {
          const value = ODD_VALUES[(k + r) % ODD_VALUES.length]!;
          await call(`${method} ${path}?${key}=${value.slice(0, 20)}`, method, `${held}?${key}=${value}`);
        }
        await call(`${method} ${path}${QUERIES[0]} as the ${session}`, method, held + QUERIES[0], undefined, session);
      } else {
        for (const [name, body] of BODIES) await call(`${method} ${path} with ${name}`, method, held, body);
        await call(`${method} ${path} as the ${session} with ${wrongTypes[0]}`, method, held, wrongTypes[1], session);
        if (session === 'unit') for (const [name, body] of BODIES) await call(`${method} ${path} as the unit with ${name}`, method, held, body, 'unit');
      }
      if (!path.includes(':')) continue;
      for (const hostile of HOSTILE_PARAMS) {
        const url = path.replace(/:(\w+)/g, hostile);
        await call(`${method} ${path} as ${url}`, method, url, method === 'GET' || method === 'DELETE' ? undefined : '{}');
      }
    }
    // The log proofs with a record they hold, and sizes no log has.
    for (const q of [`hash=${recordHash}&size=1e400`, `hash=${recordHash}&size=-1`, `hash=${recordHash}&size=999999999`, `hash=${recordHash}&size=0`]) {
      await call(`inclusion ?${q}`, 'GET', `/api/v1/log/inclusion?${q}`);
    }
    for (const q of ['from=5&to=2', 'from=0&to=1e400', 'from=1&to=999999999', 'from=__proto__', 'from=1.5&to=3']) {
      await call(`consistency ?${q}`, 'GET', `/api/v1/log/consistency?${q}`);
    }
    expect(calls).toBeGreaterThan(1000);
    // The server still answers, and the campaign it was sent nonsense about is as it was.
    const campaign = await server.admin('/api/v1/admin/campaigns/demo');
    expect(campaign.status).toBe(200);
    expect(campaign.body.id).toBe('demo');
  });
});
