import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { uuidv7 } from '../../src/domain/ids';
import { validateRecord, type DeviceView } from '../../src/domain/validate';
import type { Campaign } from '../../src/domain/campaign';
import { ZERO } from '../../src/protocol/canon';
import { quickCheck } from '../../src/server/ingest/quick-check';

const campaign: Campaign = { ...DEMO_CAMPAIGN, checks: DEMO_CAMPAIGN.checks ?? [{ id: 'sign', label: '公示' }] };
const device: DeviceView = { collector: '张三', enrolledAt: '2026-11-21T09:00:00.000Z', receivedAt: '2026-11-21T09:35:00.000Z' };
const ratings = Object.fromEntries(campaign.dimensions.map((d) => [d.id, campaign.scale[0]!.key]));

const record = (): Record<string, any> => ({
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
    checks: { [campaign.checks![0]!.id]: true },
    comment: '好',
    respondent: { ageBand: '30-39', occupation: '个体经营' },
    durationMs: 60_000,
    location: { latE6: 30_657_000, lonE6: 104_066_000, accuracyM: 12 },
  },
});

/** [what, change] of plain questionnaires at the edges of the rules: validateRecord takes each, so the quick test must too. */
const PLAIN: [string, (r: Record<string, any>) => void][] = [
  ['a respondent with no fields', (r) => (r.body.respondent = {})],
  ['a respondent with an age band only', (r) => delete r.body.respondent.occupation],
  ['a respondent with an occupation only', (r) => delete r.body.respondent.ageBand],
  ['no checks ticked', (r) => (r.body.checks = {})],
  ['a check answered no', (r) => (r.body.checks = { [campaign.checks![0]!.id]: false })],
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
    const r = record();
    change(r);
    expect(validateRecord(r, campaign, () => undefined, device)).toBeNull();
    expect(quickCheck(campaign, device)(r)).toBe(true);
  });

  it('takes them from a collector named by one character', () => {
    const one = { ...device, collector: '张' };
    const r = { ...record(), collector: '张' };
    expect(validateRecord(r, campaign, () => undefined, one)).toBeNull();
    expect(quickCheck(campaign, one)(r)).toBe(true);
    expect(quickCheck(campaign, one)(record())).toBe(false);
  });

  it('takes them from a device enrolled at the first instant its clock slack allows (10 minutes after 1970 began)', () => {
    const early = { ...device, enrolledAt: '1970-01-01T00:10:00.000Z' };
    const r = record();
    expect(validateRecord(r, campaign, () => undefined, early)).toBeNull();
    expect(quickCheck(campaign, early)(r)).toBe(true);
  });

  it('takes them in a campaign without checks, and refuses any check there', () => {
    const plain: Campaign = { ...campaign, checks: undefined };
    const r = record();
    delete r.body.checks;
    expect(validateRecord(r, plain, () => undefined, device)).toBeNull();
    expect(quickCheck(plain, device)(r)).toBe(true);
    expect(quickCheck(plain, device)({ ...r, body: { ...r.body, checks: { [campaign.checks![0]!.id]: true } } })).toBe(false);
    expect(quickCheck(plain, device)({ ...r, body: { ...r.body, checks: {} } })).toBe(true);
  });

  it('refuses what is not a plain object: arrays, null, objects of another prototype', () => {
    const q = quickCheck(campaign, device);
    expect(q(Object.assign(Object.create(null) as object, record()))).toBe(false);
    const r = record();
    expect(q({ ...r, body: Object.assign(Object.create({}) as object, r.body) })).toBe(false);
    expect(q({ ...r, body: { ...r.body, location: [30_657_000, 104_066_000, 12] } })).toBe(false);
    expect(q({ ...r, body: { ...r.body, respondent: null } })).toBe(false);
    expect(q({ ...r, body: { ...r.body, ratings: null } })).toBe(false);
    expect(q(r)).toBe(true);
  });
});
