import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { uuidv7 } from '../../src/domain/ids';
import { validateRecord } from '../../src/domain/validate';
import { ZERO } from '../../src/protocol/canon';
import { quickCheck } from '../../src/server/ingest/quick-check';

const campaign = { ...DEMO_CAMPAIGN, checks: DEMO_CAMPAIGN.checks ?? [{ id: 'sign', label: '公示' }] };
const quick = quickCheck(campaign);
const valid = (r: unknown) => validateRecord(r, campaign, () => undefined) === null;
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
    extra: 'loose bodies keep unknown fields',
  },
});

type Rec = ReturnType<typeof full>;
/** [what, change, whether validateRecord accepts the result] */
const CASES: [string, (r: any) => void, boolean][] = [
  ['as is', () => {}, true],
  ['minimal body', (r) => {
    for (const k of ['checks', 'comment', 'respondent', 'location', 'extra']) delete r.body[k];
  }, true],
  ['empty comment', (r) => (r.body.comment = ''), true],
  ['comment of 2000 characters', (r) => (r.body.comment = '评'.repeat(2000)), true],
  ['comment of 2001 characters', (r) => (r.body.comment = '评'.repeat(2001)), false],
  ['comment not text', (r) => (r.body.comment = 5), false],
  ['comment null', (r) => (r.body.comment = null), false],
  ['collector of 128', (r) => (r.collector = 'x'.repeat(128)), true],
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
  ['sealedAt with offset', (r) => (r.sealedAt = '2026-11-21T09:31:00.000+08:00'), false],
  ['another campaign', (r) => (r.campaignId = 'other'), false],
  ['unknown record field', (r) => (r.extra = 1), false],
  ['sealed part', (r) => (r.sealed = { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QQ', ct: 'QQ' }), !!campaign.encryptionKey],
  ['attachments', (r) => (r.attachments = []), true],
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

  it('takes the plain questionnaires it is there for', () => {
    for (const [what, change, accepted] of CASES) {
      const r = clone(full()) as Rec;
      change(r);
      const plain = accepted && !('sealed' in r) && !('attachments' in r);
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
      fc.constantFrom(...campaign.units.map((u) => u.id), ...campaign.scale.map((l) => l.key), ...campaign.dimensions.map((d) => d.id), 'f2f', 1, 0, -1, '', null, true),
    );
    const change = fc.record({ path: fc.constantFrom(...paths.filter((p) => p.length > 0)), kind: fc.constantFrom('set', 'delete', 'add'), key: fc.string({ maxLength: 12 }), value });
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
        if (quick(parsed)) expect(validateRecord(parsed, campaign, () => undefined)).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });
});
