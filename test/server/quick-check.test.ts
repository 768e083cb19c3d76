import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { uuidv7 } from '../../src/domain/ids';
import { instantMs } from '../../src/domain/record-rules';
import { validateRecord } from '../../src/domain/validate';
import { ZERO } from '../../src/protocol/canon';
import { quickCheck } from '../../src/server/ingest/quick-check';

const campaign = { ...DEMO_CAMPAIGN, checks: DEMO_CAMPAIGN.checks ?? [{ id: 'sign', label: '公示' }] };
/** The sending device as the server knows it: enrolled at 09:00 as 张三, the batch received at 09:35. */
const device = { collector: '张三', enrolledAt: '2026-11-21T09:00:00.000Z', receivedAt: '2026-11-21T09:35:00.000Z' };
// Made inside each test (not once at load), so what the factory computes is part of every case.
const quick = (r: Record<string, unknown>) => quickCheck(campaign, device)(r);
const valid = (r: unknown) => validateRecord(r, campaign, () => undefined, device) === null;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const ratings = Object.fromEntries(campaign.dimensions.map((d, i) => [d.id, campaign.scale[i % campaign.scale.length]!.key]));
const full = () => ({
  v: 1,
  type: 'f2f',
  id: uuidv7(),
  campaignId: campaign.id,
  deviceId: 'dev-1',
  seq: 7,
  prev: ZERO,
  collector: '张三',
  createdAt: '2026-11-21T09:30:00.000Z',
  sealedAt: '2026-11-21T09:31:00.000Z',
  body: {
    unitId: campaign.units[0]!.id,
    raterGroup: campaign.raterGroups[0]!.id,
    channel: 'stall',
    ratings,
    overall: campaign.scale[0]!.key,
    checks: { [campaign.checks[0]!.id]: true },
    comment: '窗口办事效率还可以',
    respondent: { ageBand: '30-39', occupation: '个体经营' },
    durationMs: 60_000,
    location: { latE6: 30_657_000, lonE6: 104_066_000, accuracyM: 12 },
  },
});
const JPEG = { sha256: 'a'.repeat(64), bytes: 1000, mime: 'image/jpeg', sealed: false };

type Rec = ReturnType<typeof full>;
/** [what, change, whether validateRecord accepts the result] */
const CASES: [string, (r: any) => void, boolean][] = [
  ['as is', () => {}, true],
  [
    'minimal body',
    (r) => {
      for (const k of ['checks', 'comment', 'respondent', 'location']) delete r.body[k];
    },
    true,
  ],
  ['empty comment', (r) => (r.body.comment = ''), true],
  ['comment of 2000 characters', (r) => (r.body.comment = '评'.repeat(2000)), true],
  ['comment of 2001 characters', (r) => (r.body.comment = '评'.repeat(2001)), false],
  ['comment not text', (r) => (r.body.comment = 5), false],
  ['comment null', (r) => (r.body.comment = null), false],
  ['comment of 2000 characters beyond the BMP', (r) => (r.body.comment = '𠀀'.repeat(2000)), true],
  ['comment of 2001 characters beyond the BMP', (r) => (r.body.comment = '𠀀'.repeat(2001)), false],
  ['comment with U+0000', (r) => (r.body.comment = '办事\u0000快'), false],
  ['comment with a lone high surrogate', (r) => (r.body.comment = '办事\ud800快'), false],
  ['comment with a lone low surrogate', (r) => (r.body.comment = '\udc00办事'), false],
  ['another collector', (r) => (r.collector = '李四'), false],
  ['collector with U+0000', (r) => (r.collector = '张三\u0000'), false],
  ['collector of 128', (r) => (r.collector = 'x'.repeat(128)), false],
  ['collector of 129', (r) => (r.collector = 'x'.repeat(129)), false],
  ['empty collector', (r) => (r.collector = ''), false],
  ['deviceId of 129', (r) => (r.deviceId = 'd'.repeat(129)), false],
  ['empty deviceId', (r) => (r.deviceId = ''), false],
  ['v 2', (r) => (r.v = 2), false],
  ['v "1"', (r) => (r.v = '1'), false],
  ['type forum', (r) => (r.type = 'forum'), false],
  ['id not v7', (r) => (r.id = r.id.replace(/^(.{14})7/, '$14')), false],
  ['id upper case', (r) => (r.id = r.id.toUpperCase()), false],
  ['seq 0', (r) => (r.seq = 0), false],
  ['seq 1.5', (r) => (r.seq = 1.5), false],
  ['seq beyond 2^53', (r) => (r.seq = 2 ** 60), false],
  ['seq text', (r) => (r.seq = '7'), false],
  ['prev upper case', (r) => (r.prev = 'A'.repeat(64)), false],
  ['prev short', (r) => (r.prev = '0'.repeat(63)), false],
  ['createdAt without ms', (r) => (r.createdAt = '2026-11-21T09:30:00Z'), false],
  ['createdAt in month 13', (r) => (r.createdAt = '2026-13-01T09:30:00.000Z'), false],
  ['createdAt on 30 February', (r) => (r.createdAt = '2026-02-30T09:30:00.000Z'), false],
  ['createdAt at hour 24', (r) => (r.createdAt = '2026-11-21T24:00:00.000Z'), false],
  ['createdAt in year 0', (r) => (r.createdAt = '0000-01-01T00:00:00.000Z'), false],
  ['createdAt in 1999', (r) => (r.createdAt = '1999-12-31T23:59:59.999Z'), false],
  ['sealedAt in 9999', (r) => (r.sealedAt = '9999-12-31T23:59:59.999Z'), false],
  ['sealedAt before createdAt', (r) => (r.sealedAt = '2026-11-21T09:29:59.999Z'), false],
  ['sealedAt 10 minutes after the batch came', (r) => (r.sealedAt = '2026-11-21T09:45:00.000Z'), true],
  ['sealedAt later than 10 minutes after the batch came', (r) => (r.sealedAt = '2026-11-21T09:45:00.001Z'), false],
  ['createdAt 10 minutes before enrollment', (r) => (r.createdAt = '2026-11-21T08:50:00.000Z'), true],
  ['createdAt earlier than 10 minutes before enrollment', (r) => (r.createdAt = '2026-11-21T08:49:59.999Z'), false],
  ['sealedAt equal to createdAt, no duration', (r) => ((r.sealedAt = r.createdAt), (r.body.durationMs = 1000)), true],
  ['sealedAt 10 minutes after receipt', (r) => (r.sealedAt = '2026-11-21T09:45:00.000Z'), true],
  ['sealedAt more than 10 minutes after receipt', (r) => (r.sealedAt = '2026-11-21T09:45:00.001Z'), false],
  ['createdAt 10 minutes before enrollment', (r) => (r.createdAt = '2026-11-21T08:50:00.000Z'), true],
  ['createdAt more than 10 minutes before enrollment', (r) => (r.createdAt = '2026-11-21T08:49:59.999Z'), false],
  ['durationMs up to sealedAt − createdAt + 1 s', (r) => (r.body.durationMs = 61_000), true],
  ['durationMs beyond sealedAt − createdAt + 1 s', (r) => (r.body.durationMs = 61_001), false],
  ['sealedAt with offset', (r) => (r.sealedAt = '2026-11-21T09:31:00.000+08:00'), false],
  ['another campaign', (r) => (r.campaignId = 'other'), false],
  ['unknown record field', (r) => (r.extra = 1), false],
  ['sealed part', (r) => (r.sealed = { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QQ', ct: 'QQ' }), !!campaign.encryptionKey],
  ['no attachments', (r) => (r.attachments = []), true],
  ['a JPEG attachment', (r) => (r.attachments = [JPEG]), true],
  [
    'a PNG and a WebP attachment',
    (r) =>
      (r.attachments = [
        { ...JPEG, mime: 'image/png' },
        { ...JPEG, mime: 'image/webp' },
      ]),
    true,
  ],
  ['an SVG attachment', (r) => (r.attachments = [{ ...JPEG, mime: 'image/svg+xml' }]), false],
  ['an HTML attachment', (r) => (r.attachments = [{ ...JPEG, mime: 'text/html' }]), false],
  ['a body field beyond the schema', (r) => (r.body.extra = 'loose bodies keep unknown fields'), true],
  ['a body field of 200 characters', (r) => (r.body.extra = 'x'.repeat(200)), true],
  ['a body field of 201 characters', (r) => (r.body.extra = 'x'.repeat(201)), false],
  ['a body field of 0.1', (r) => (r.body.extra = 0.1), false],
  ['a body field of 1e+21', (r) => (r.body.extra = 1e21), false],
  ['a nested body field of 0.5', (r) => (r.body.extra = { a: [1, { b: 0.5 }] }), false],
  ['a body field named with U+0000', (r) => (r.body['a\u0000b'] = 1), false],
  ['a body field named with 201 characters', (r) => (r.body['k'.repeat(201)] = 1), false],
  ['body an array', (r) => (r.body = [r.body]), false],
  ['body null', (r) => (r.body = null), false],
  ['unknown unit', (r) => (r.body.unitId = 'nope'), false],
  ['unit not an id', (r) => (r.body.unitId = 'a b'), false],
  ['unknown group', (r) => (r.body.raterGroup = 'nope'), false],
  ['unknown channel', (r) => (r.body.channel = 'phone'), false],
  ['unknown overall', (r) => (r.body.overall = 'nope'), false],
  ['empty overall', (r) => (r.body.overall = ''), false],
  ['a dimension unrated', (r) => delete r.body.ratings[campaign.dimensions[0]!.id], false],
  ['an unknown dimension', (r) => (r.body.ratings.nope = campaign.scale[0]!.key), false],
  ['an unknown level', (r) => (r.body.ratings[campaign.dimensions[1]!.id] = 'nope'), false],
  ['a level not text', (r) => (r.body.ratings[campaign.dimensions[1]!.id] = 1), false],
  ['ratings an array', (r) => (r.body.ratings = Object.values(r.body.ratings)), false],
  ['unknown check', (r) => (r.body.checks = { nope: true }), false],
  ['check not boolean', (r) => (r.body.checks = { [campaign.checks[0]!.id]: 'yes' }), false],
  ['checks null', (r) => (r.body.checks = null), false],
  ['durationMs negative', (r) => (r.body.durationMs = -1), false],
  ['durationMs fractional', (r) => (r.body.durationMs = 1.5), false],
  ['durationMs missing', (r) => delete r.body.durationMs, false],
  ['respondent a string', (r) => (r.body.respondent = 'x'), false],
  ['respondent ageBand a number', (r) => (r.body.respondent.ageBand = 30), false],
  ['respondent with more fields', (r) => (r.body.respondent.phone = '1'), true],
  ['respondent occupation of 200', (r) => (r.body.respondent.occupation = '业'.repeat(200)), true],
  ['respondent occupation of 201', (r) => (r.body.respondent.occupation = '业'.repeat(201)), false],
  ['respondent ageBand with U+0000', (r) => (r.body.respondent.ageBand = '\u0000'), false],
  ['latitude beyond 90°', (r) => (r.body.location.latE6 = 90_000_001), false],
  ['latitude at -90°', (r) => (r.body.location.latE6 = -90_000_000), true],
  ['longitude beyond 180°', (r) => (r.body.location.lonE6 = -180_000_001), false],
  ['latitude fractional', (r) => (r.body.location.latE6 = 1.5), false],
  ['accuracy negative', (r) => (r.body.location.accuracyM = -1), false],
  ['location without accuracy', (r) => delete r.body.location.accuracyM, false],
  ['location with more fields', (r) => (r.body.location.altitudeM = 500), true],
];

describe('quickCheck (the ingest fast path of validateRecord for plain questionnaires)', () => {
  it.each(CASES)('%s: never accepts what validateRecord refuses', (_what, change, accepted) => {
    const r = clone(full()) as Rec;
    change(r);
    expect(valid(r)).toBe(accepted);
    if (!accepted) expect(quick(r)).toBe(false);
  });

  it('takes nothing quickly for a device whose enrollment or batch time is not an instant (the full check decides)', () => {
    for (const odd of [
      { ...device, enrolledAt: 'yesterday' },
      { ...device, receivedAt: '' },
    ]) {
      expect(quickCheck(campaign, odd)(clone(full()))).toBe(false);
    }
    expect(quick(clone(full()))).toBe(true);
  });

  it('takes the plain questionnaires it is there for, `attachments: []` included', () => {
    const known = (o: object | undefined, keys: string[]) => Object.keys(o ?? {}).every((k) => keys.includes(k));
    for (const [what, change, accepted] of CASES) {
      const r = clone(full()) as any;
      change(r);
      const plain =
        accepted &&
        !('sealed' in r) &&
        (r.attachments === undefined || r.attachments.length === 0) &&
        known(r.body, Object.keys(full().body)) &&
        known(r.body.respondent, ['ageBand', 'occupation']) &&
        known(r.body.location, ['latE6', 'lonE6', 'accuracyM']);
      expect([what, quick(r)]).toEqual([what, plain]);
    }
  });

  it('never accepts what validateRecord refuses, for random changes anywhere in a record', () => {
    const paths: string[][] = [];
    const walk = (x: unknown, at: string[]) => {
      paths.push(at);
      if (typeof x === 'object' && x !== null) for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], [...at, k]);
    };
    walk(full(), []);
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(
        ...campaign.units.map((u) => u.id),
        ...campaign.scale.map((l) => l.key),
        ...campaign.dimensions.map((d) => d.id),
        'f2f',
        1,
        0,
        -1,
        '',
        null,
        true,
      ),
      // The rules of the second wave: clean bounded strings, integers, real instants in range.
      fc.constantFrom(0.1, 1e21, -0.5, 2 ** 53, '\u0000', 'a\ud800', '\udc00', 'x'.repeat(201), '评'.repeat(2001), '李四', '张三', []),
      fc.constantFrom(
        '2026-13-01T09:30:00.000Z',
        '2026-02-30T09:30:00.000Z',
        '9999-12-31T23:59:59.999Z',
        '0000-01-01T00:00:00.000Z',
        '2026-11-21T08:49:59.999Z',
        '2026-11-21T09:30:30.000Z',
        '2026-11-21T09:45:00.001Z',
      ),
      fc.integer({ min: 0, max: 200_000 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    const change = fc.record({
      path: fc.constantFrom(...paths.filter((p) => p.length > 0)),
      kind: fc.constantFrom('set', 'delete', 'add'),
      key: fc.string({ maxLength: 12 }),
      value,
    });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
        const r = clone(full()) as Record<string, any>;
        for (const c of changes) {
          let parent: any = r;
          for (const k of c.path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null ? parent[k] : undefined;
          if (typeof parent !== 'object' || parent === null) continue;
          const last = c.path[c.path.length - 1]!;
          if (c.kind === 'set') parent[last] = c.value;
          else if (c.kind === 'delete') delete parent[last];
          else if (typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) parent[last][c.key] = c.value;
        }
        const parsed = clone(r);
        if (quick(parsed)) expect(validateRecord(parsed, campaign, () => undefined, device)).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a time as the instant Date writes back the same, in the years 2000 to 2100, and nothing else', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const time = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);
    const years = fc.integer({ min: 1999, max: 2101 }).chain((y) => time.map((t) => pad(y, 4) + t.slice(4)));
    fc.assert(
      fc.property(fc.oneof(time, years), (t) => {
        const ms = Date.parse(t);
        const real = !Number.isNaN(ms) && new Date(ms).toISOString() === t && ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(2101, 0, 1);
        expect(instantMs(t)).toBe(real ? ms : undefined);
      }),
      { numRuns: 20_000 },
    );
    expect(instantMs('2024-02-29T23:59:59.999Z')).toBe(Date.parse('2024-02-29T23:59:59.999Z'));
    expect(instantMs('2100-02-29T00:00:00.000Z')).toBeUndefined();
    expect(instantMs('2000-02-29T00:00:00.000Z')).toBe(Date.parse('2000-02-29T00:00:00.000Z'));
  });
});

/** [what, change] of plain questionnaires at the edges of the rules: validateRecord takes each, so the quick test must too. */
const PLAIN: [string, (r: Record<string, any>) => void][] = [
  ['a respondent with no fields', (r) => (r.body.respondent = {})],
  ['a respondent with an age band only', (r) => delete r.body.respondent.occupation],
  ['a respondent with an occupation only', (r) => delete r.body.respondent.ageBand],
  ['no checks ticked', (r) => (r.body.checks = {})],
  ['a check answered no', (r) => (r.body.checks = { [campaign.checks[0]!.id]: false })],
  ['no location', (r) => delete r.body.location],
  ['no comment', (r) => delete r.body.comment],
  ['no respondent', (r) => delete r.body.respondent],
  ['a deviceId of one character', (r) => (r.deviceId = 'd')],
  ['a deviceId of 128 characters', (r) => (r.deviceId = 'd'.repeat(128))],
  ['seq 1', (r) => (r.seq = 1)],
  ['seq 2^53 − 1', (r) => (r.seq = Number.MAX_SAFE_INTEGER)],
  ['latitude at 90°', (r) => (r.body.location.latE6 = 90_000_000)],
  ['longitude at −180°', (r) => (r.body.location.lonE6 = -180_000_000)],
  ['longitude at 180°', (r) => (r.body.location.lonE6 = 180_000_000)],
  ['accuracy 0', (r) => (r.body.location.accuracyM = 0)],
  ['durationMs 0', (r) => (r.body.durationMs = 0)],
  ['an empty attachments list', (r) => (r.attachments = [])],
  [
    'every dimension rated with another level',
    (r) => (r.body.ratings = Object.fromEntries(campaign.dimensions.map((d) => [d.id, campaign.scale.at(-1)!.key]))),
  ],
];

describe('quickCheck takes the plain questionnaires at the edges of the rules', () => {
  it.each(PLAIN)('%s', (_what, change) => {
    const r = full() as Record<string, any>;
    change(r);
    expect(validateRecord(r, campaign, () => undefined, device)).toBeNull();
    expect(quickCheck(campaign, device)(r)).toBe(true);
  });

  it('takes them from a collector named by one character', () => {
    const one = { ...device, collector: '张' };
    const r = { ...full(), collector: '张' };
    expect(validateRecord(r, campaign, () => undefined, one)).toBeNull();
    expect(quickCheck(campaign, one)(r)).toBe(true);
    expect(quickCheck(campaign, one)(full())).toBe(false);
  });

  it('takes them from a device enrolled at the first instant its clock slack allows (10 minutes after 1970 began)', () => {
    const early = { ...device, enrolledAt: '1970-01-01T00:10:00.000Z' };
    const r = full() as Record<string, any>;
    expect(validateRecord(r, campaign, () => undefined, early)).toBeNull();
    expect(quickCheck(campaign, early)(r)).toBe(true);
  });

  it('takes them in a campaign without checks, and refuses any check there', () => {
    const plain: Campaign = { ...campaign, checks: undefined };
    const r = full() as Record<string, any>;
    delete r.body.checks;
    expect(validateRecord(r, plain, () => undefined, device)).toBeNull();
    expect(quickCheck(plain, device)(r)).toBe(true);
    expect(quickCheck(plain, device)({ ...r, body: { ...r.body, checks: { [campaign.checks[0]!.id]: true } } })).toBe(false);
    expect(quickCheck(plain, device)({ ...r, body: { ...r.body, checks: {} } })).toBe(true);
  });

  it('refuses what is not a plain object: arrays, null, objects of another prototype', () => {
    const q = quickCheck(campaign, device);
    expect(q(Object.assign(Object.create(null) as object, full()))).toBe(false);
    const r = full() as Record<string, any>;
    expect(q({ ...r, body: Object.assign(Object.create({}) as object, r.body) })).toBe(false);
    expect(q({ ...r, body: { ...r.body, location: [30_657_000, 104_066_000, 12] } })).toBe(false);
    expect(q({ ...r, body: { ...r.body, respondent: null } })).toBe(false);
    expect(q({ ...r, body: { ...r.body, ratings: null } })).toBe(false);
    expect(q(r)).toBe(true);
  });
});
