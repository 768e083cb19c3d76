// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { pointer, validateBody, validateRecord, type DeviceView, type TargetInfo } from '../../../src/domain/validate';
import { ZERO } from '../../../src/protocol/canon';

const ID = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const HASH = 'a'.repeat(64);
const SEALED = { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'abc', ct: 'def' } as const;
const PHOTO = { sha256: 'b'.repeat(64), bytes: 1000, mime: 'image/jpeg' };
const none = () => undefined;

const record = (type: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  v: 1,
  type,
  id: ID(99),
  campaignId: 'demo',
  deviceId: 'dev-1',
  seq: 5,
  prev: ZERO,
  collector: '张三',
  createdAt: '2026-11-21T09:30:00.000Z',
  sealedAt: '2026-11-21T09:31:00.000Z',
  body,
  ...extra,
});

const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));
const f2fBody = { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings, overall: 'fairly', durationMs: 42000 };
const forumBody = {
  unitIds: ['brigade1', 'law'],
  title: '座谈会',
  heldAt: '2026-11-20T02:00:00.000Z',
  place: '会议室',
  attendees: { public: 5, expert: 2 },
  opinions: [
    { unitId: 'brigade1', dimensionId: 'lawful', kind: 'complaint', text: '执法粗暴' },
    { kind: 'suggestion', text: '多开座谈会' },
  ],
};
const visitBody = {
  unitId: 'approval',
  mode: 'open',
  visitedAt: '2026-11-20T03:00:00.000Z',
  categories: ['attitude', 'shirk'],
  severity: 'minor',
};
const stallBody = {
  place: '广场',
  unitIds: ['muck', 'brigade2'],
  openedAt: '2026-11-20T01:00:00.000Z',
  closedAt: '2026-11-20T04:00:00.000Z',
  visitors: 12,
  complaints: [
    { unitId: 'muck', category: '扬尘', text: '渣土车撒漏' },
    { unitId: 'brigade2', category: '占道', text: '占道经营无人管' },
  ],
};
const followupBody = { itemId: 'item-1', unitId: 'muck', verdict: 'fixed', note: '已整改', visitedAt: '2026-11-20T05:00:00.000Z' };

const noKey: Campaign = { ...DEMO_CAMPAIGN, encryptionKey: null };
const device: DeviceView = { collector: '张三', enrolledAt: '2026-11-01T00:00:00.000Z', receivedAt: '2026-11-21T09:31:00.000Z' };

const target = (over: Partial<TargetInfo> = {}): TargetInfo => ({ type: 'f2f', hash: HASH, deviceId: 'dev-1', seq: 3, voided: false, ...over });
const lookup = (info: TargetInfo | undefined) => (id: string) => (id === ID(1) ? info : undefined);
const amend = (body: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  record('amend', { targetId: ID(1), targetHash: HASH, reason: '填错了', body }, extra);
const voidOf = (extra: Record<string, unknown> = {}) => record('void', { targetId: ID(1), targetHash: HASH, reason: '重复录入' }, extra);

describe('pointer', () => {
  it('joins the path as an RFC 6901 pointer', () => {
    expect(pointer(['body', 'ratings', 0])).toBe('/body/ratings/0');
    expect(pointer([])).toBe('');
  });
  it('escapes ~ as ~0 and / as ~1', () => {
    expect(pointer(['a/b', 'c~d', '~/'])).toBe('/a~1b/c~0d/~0~1');
  });
});

describe('validateRecord: the record around the body', () => {
  it('names a campaign other than the one it is checked against', () => {
    expect(validateRecord(record('f2f', f2fBody, { campaignId: 'other' }), DEMO_CAMPAIGN, none)).toEqual({
      path: '/campaignId',
      message: 'unknown campaign "other"',
    });
  });
  it('reports a string rule with its pointer', () => {
    expect(validateRecord(record('f2f', { ...f2fBody, comment: 'a\u0000b' }), DEMO_CAMPAIGN, none)?.path).toBe('/body/comment');
  });
  it('refuses confidential fields in a campaign without an encryptionKey', () => {
    expect(validateRecord(record('f2f', f2fBody, { sealed: SEALED }), noKey, none)).toEqual({
      path: '/sealed',
      message: 'this campaign takes no confidential fields (it has no encryptionKey)',
    });
  });
  it('takes confidential fields in a campaign with an encryptionKey', () => {
    expect(validateRecord(record('f2f', f2fBody, { sealed: SEALED }), DEMO_CAMPAIGN, none)).toBeNull();
  });
  it('takes a record without confidential fields in a campaign without an encryptionKey', () => {
    expect(validateRecord(record('f2f', f2fBody), noKey, none)).toBeNull();
  });
});

describe('validateRecord: clocks and the sending device', () => {
  it('refuses a collector other than the one the device enrolled with', () => {
    expect(validateRecord(record('f2f', f2fBody), DEMO_CAMPAIGN, none, { ...device, collector: '李四' })).toEqual({
      path: '/collector',
      message: 'collector must be the collector this device enrolled with',
    });
  });
  it('accepts the enrolled collector', () => {
    expect(validateRecord(record('f2f', f2fBody), DEMO_CAMPAIGN, none, device)).toBeNull();
  });
  it('refuses a record sealed before it was created, with or without the device', () => {
    const r = record('visit', visitBody, { createdAt: '2026-11-21T09:31:00.001Z' });
    const expected = { path: '/sealedAt', message: 'sealedAt is before createdAt' };
    expect(validateRecord(r, DEMO_CAMPAIGN, none)).toEqual(expected);
    expect(validateRecord(r, DEMO_CAMPAIGN, none, device)).toEqual(expected);
  });
  it('accepts a record sealed in the millisecond it was created', () => {
    const r = record('visit', visitBody, { createdAt: '2026-11-21T09:31:00.000Z' });
    expect(validateRecord(r, DEMO_CAMPAIGN, none, device)).toBeNull();
  });
  it('refuses a seal more than 10 minutes after the server received the batch', () => {
    const r = record('visit', visitBody, { sealedAt: '2026-11-21T09:41:00.001Z' });
    expect(validateRecord(r, DEMO_CAMPAIGN, none, device)).toEqual({
      path: '/sealedAt',
      message: "sealedAt is more than 10 minutes after the server's time; check the tablet's clock",
    });
  });
  it('accepts a seal exactly 10 minutes after the server received the batch', () => {
    const r = record('visit', visitBody, { sealedAt: '2026-11-21T09:41:00.000Z' });
    expect(validateRecord(r, DEMO_CAMPAIGN, none, device)).toBeNull();
  });
  it('refuses a record created more than 10 minutes before the device enrolled', () => {
    const r = record('visit', visitBody, { createdAt: '2026-10-31T23:49:59.999Z' });
    expect(validateRecord(r, DEMO_CAMPAIGN, none, device)).toEqual({
      path: '/createdAt',
      message: "createdAt is more than 10 minutes before this device enrolled; check the tablet's clock",
    });
  });
  it('accepts a record created exactly 10 minutes before the device enrolled', () => {
    const r = record('visit', visitBody, { createdAt: '2026-10-31T23:50:00.000Z' });
    expect(validateRecord(r, DEMO_CAMPAIGN, none, device)).toBeNull();
  });
});

describe('validateRecord: an f2f lasts no longer than from creation to seal', () => {
  it('refuses a duration beyond the span and its second of slack', () => {
    expect(validateRecord(record('f2f', { ...f2fBody, durationMs: 61_001 }), DEMO_CAMPAIGN, none)).toEqual({
      path: '/body/durationMs',
      message: 'durationMs exceeds the 60000 ms from createdAt to sealedAt',
    });
  });
  it('accepts a duration of the span plus one second', () => {
    expect(validateRecord(record('f2f', { ...f2fBody, durationMs: 61_000 }), DEMO_CAMPAIGN, none)).toBeNull();
  });
  it('does not apply to other records, whatever extra fields they carry', () => {
    expect(validateRecord(record('visit', { ...visitBody, durationMs: 10_000_000 }), DEMO_CAMPAIGN, none)).toBeNull();
  });
});

describe('validateRecord: covert visits', () => {
  const covert = { ...visitBody, mode: 'covert' };
  it('accepts a covert visit with its description and photos sealed', () => {
    const r = record('visit', covert, { sealed: SEALED, attachments: [{ ...PHOTO, sealed: true }] });
    expect(validateRecord(r, DEMO_CAMPAIGN, none)).toBeNull();
  });
  it('accepts a covert visit without photos', () => {
    expect(validateRecord(record('visit', covert, { sealed: SEALED }), DEMO_CAMPAIGN, none)).toBeNull();
  });
  it('refuses a covert visit in a campaign without an encryptionKey', () => {
    expect(validateRecord(record('visit', covert), noKey, none)).toEqual({
      path: '/body/mode',
      message: 'this campaign has no encryptionKey, so it takes no covert visits',
    });
  });
  it('accepts an open visit in a campaign without an encryptionKey, photos in the clear', () => {
    expect(validateRecord(record('visit', visitBody, { attachments: [{ ...PHOTO, sealed: false }] }), noKey, none)).toBeNull();
  });
  it('refuses a covert visit whose description is not sealed', () => {
    expect(validateRecord(record('visit', covert), DEMO_CAMPAIGN, none)).toEqual({
      path: '/sealed',
      message: 'a covert visit carries its description in sealed',
    });
  });
  it('points at the first photo of a covert visit that is not sealed', () => {
    const attachments = [
      { ...PHOTO, sealed: true },
      { ...PHOTO, sealed: false },
      { ...PHOTO, sealed: false },
    ];
    expect(validateRecord(record('visit', covert, { sealed: SEALED, attachments }), DEMO_CAMPAIGN, none)).toEqual({
      path: '/attachments/1/sealed',
      message: "a covert visit's photos must be sealed",
    });
  });
  it('points at the very first photo when it is not sealed', () => {
    const attachments = [{ ...PHOTO, sealed: false }];
    expect(validateRecord(record('visit', covert, { sealed: SEALED, attachments }), DEMO_CAMPAIGN, none)?.path).toBe('/attachments/0/sealed');
  });
  it('refuses an amend of a visit into a covert one in a campaign without an encryptionKey', () => {
    const visit = target({ type: 'visit' });
    expect(validateRecord(amend(covert), noKey, lookup(visit))).toEqual({
      path: '/body/body/mode',
      message: 'this campaign has no encryptionKey, so it takes no covert visits',
    });
  });
  it('accepts an amend of a visit into a covert one without its own sealed description', () => {
    const visit = target({ type: 'visit' });
    expect(validateRecord(amend(covert), DEMO_CAMPAIGN, lookup(visit))).toBeNull();
  });
  it('refuses an amend into a covert visit that carries an unsealed photo', () => {
    const visit = target({ type: 'visit' });
    const r = amend(covert, { attachments: [{ ...PHOTO, sealed: false }] });
    expect(validateRecord(r, DEMO_CAMPAIGN, lookup(visit))).toEqual({
      path: '/attachments/0/sealed',
      message: "a covert visit's photos must be sealed",
    });
  });
  it('accepts an amend of a visit that stays open, photos in the clear', () => {
    const visit = target({ type: 'visit' });
    const r = amend(visitBody, { attachments: [{ ...PHOTO, sealed: false }] });
    expect(validateRecord(r, noKey, lookup(visit))).toBeNull();
  });
  it('does not treat an amend of an f2f as a visit, whatever extra fields its body holds', () => {
    const r = amend({ ...f2fBody, mode: 'covert' }, { attachments: [{ ...PHOTO, sealed: false }] });
    expect(validateRecord(r, noKey, lookup(target()))).toBeNull();
  });
  it('does not treat a void of a visit as a covert visit', () => {
    const visit = target({ type: 'visit' });
    expect(validateRecord(voidOf({ attachments: [{ ...PHOTO, sealed: false }] }), noKey, lookup(visit))).toBeNull();
    const stray = record('void', { targetId: ID(1), targetHash: HASH, reason: '重复录入', body: { ...visitBody, mode: 'covert' } });
    expect(validateRecord(stray, noKey, lookup(visit))).toBeNull();
  });
});

describe('validateRecord: corrections', () => {
  it('points into the correction body when it is malformed', () => {
    const r = record('void', { targetId: ID(1), targetHash: HASH, reason: '' });
    expect(validateRecord(r, DEMO_CAMPAIGN, lookup(target()))?.path).toBe('/body/reason');
  });
  it('refuses a target it does not know', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, none)).toEqual({
      path: '/body/targetId',
      message: `target record ${ID(1)} is not known before this one`,
    });
  });
  const notSameDevice = { path: '/body/targetId', message: 'a correction may only target a record sealed earlier by the same device' };
  it('refuses a target sealed by another device', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ deviceId: 'dev-2' })))).toEqual(notSameDevice);
  });
  it('refuses a target at the same or a later seq', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ seq: 5 })))).toEqual(notSameDevice);
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ seq: 6 })))).toEqual(notSameDevice);
  });
  it('accepts a target sealed just before', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ seq: 4 })))).toBeNull();
  });
  const notOriginal = { path: '/body/targetId', message: 'a correction must target an original record, not another amend or void' };
  it('refuses a correction of an amend', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ type: 'amend' })))).toEqual(notOriginal);
  });
  it('refuses a correction of a void', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ type: 'void' })))).toEqual(notOriginal);
  });
  it('refuses a targetHash that is not the target’s', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ hash: 'c'.repeat(64) })))).toEqual({
      path: '/body/targetHash',
      message: 'targetHash is not the hash of the target record',
    });
  });
  it('refuses a correction of a voided record', () => {
    expect(validateRecord(voidOf(), DEMO_CAMPAIGN, lookup(target({ voided: true })))).toEqual({
      path: '/body/targetId',
      message: 'the target record was voided; nothing may target it',
    });
  });
  it('checks an amend’s body as a body of the target’s type', () => {
    expect(validateRecord(amend({ ...f2fBody, unitId: 'nope' }), DEMO_CAMPAIGN, lookup(target()))).toEqual({
      path: '/body/body/unitId',
      message: 'unknown unit "nope"',
    });
    expect(validateRecord(amend(f2fBody), DEMO_CAMPAIGN, lookup(target()))).toBeNull();
    expect(validateRecord(amend(f2fBody), DEMO_CAMPAIGN, lookup(target({ type: 'visit' })))?.path).toMatch(/^\/body\/body\//);
  });
});

describe('validateBody: f2f', () => {
  it('refuses an unknown rater group', () => {
    expect(validateBody('f2f', { ...f2fBody, raterGroup: 'boss' }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/raterGroup',
      message: 'unknown rater group "boss"',
    });
  });
  it('refuses a rating for an unknown dimension', () => {
    expect(validateBody('f2f', { ...f2fBody, ratings: { ...ratings, beauty: 'very' } }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/ratings/beauty',
      message: 'unknown dimension "beauty"',
    });
  });
  it('refuses an unknown scale level in a rating', () => {
    expect(validateBody('f2f', { ...f2fBody, ratings: { ...ratings, lawful: 'great' } }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/ratings/lawful',
      message: 'unknown scale level "great"',
    });
  });
  it('refuses an unknown overall level', () => {
    expect(validateBody('f2f', { ...f2fBody, overall: 'great' }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/overall',
      message: 'unknown scale level "great"',
    });
  });
  it('takes the campaign’s checks and refuses others', () => {
    expect(validateBody('f2f', { ...f2fBody, checks: { bribe: false, fees: true } }, DEMO_CAMPAIGN)).toBeNull();
    expect(validateBody('f2f', { ...f2fBody, checks: { bribe: false, parking: true } }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/checks/parking',
      message: 'unknown check "parking"',
    });
  });
  it('refuses every check in a campaign without checks', () => {
    const { checks: _, ...noChecks } = DEMO_CAMPAIGN;
    expect(validateBody('f2f', { ...f2fBody, checks: { bribe: true } }, noChecks)?.path).toBe('/body/checks/bribe');
  });
  it('puts the problem under the given path', () => {
    expect(validateBody('f2f', { ...f2fBody, overall: 'great' }, DEMO_CAMPAIGN, '/body/body')?.path).toBe('/body/body/overall');
    expect(validateBody('f2f', { ...f2fBody, durationMs: -1 }, DEMO_CAMPAIGN, '/body/body')?.path).toBe('/body/body/durationMs');
  });
});

describe('validateBody: forum', () => {
  it('accepts a forum of known units, groups and dimensions, opinions without unit or dimension included', () => {
    expect(validateBody('forum', forumBody, DEMO_CAMPAIGN)).toBeNull();
  });
  it('points at the unknown unit in the list', () => {
    expect(validateBody('forum', { ...forumBody, unitIds: ['law', 'zoo'] }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/unitIds/1',
      message: 'unknown unit "zoo"',
    });
  });
  it('refuses attendance of an unknown rater group', () => {
    expect(validateBody('forum', { ...forumBody, attendees: { public: 3, boss: 1 } }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/attendees/boss',
      message: 'unknown rater group "boss"',
    });
  });
  it('refuses an opinion about an unknown unit', () => {
    const opinions = [forumBody.opinions[1], { unitId: 'zoo', kind: 'praise', text: '好' }];
    expect(validateBody('forum', { ...forumBody, opinions }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/opinions/1/unitId',
      message: 'unknown unit "zoo"',
    });
  });
  it('refuses an opinion about an unknown dimension', () => {
    const opinions = [forumBody.opinions[0], { dimensionId: 'beauty', kind: 'opinion', text: '好' }];
    expect(validateBody('forum', { ...forumBody, opinions }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/opinions/1/dimensionId',
      message: 'unknown dimension "beauty"',
    });
  });
});

describe('validateBody: visit', () => {
  it('accepts a visit of known unit, categories and severity', () => {
    expect(validateBody('visit', visitBody, DEMO_CAMPAIGN)).toBeNull();
  });
  it('points at the unknown finding category', () => {
    expect(validateBody('visit', { ...visitBody, categories: ['bribe', 'noise'] }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/categories/1',
      message: 'unknown finding category "noise"',
    });
  });
  it('refuses an unknown unit', () => {
    expect(validateBody('visit', { ...visitBody, unitId: 'zoo', severity: 'fatal' }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/unitId',
      message: 'unknown unit "zoo"',
    });
  });
  it('refuses an unknown severity', () => {
    expect(validateBody('visit', { ...visitBody, severity: 'fatal' }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/severity',
      message: 'unknown severity "fatal"',
    });
  });
});

describe('validateBody: stall', () => {
  it('accepts a stall of known units', () => {
    expect(validateBody('stall', stallBody, DEMO_CAMPAIGN)).toBeNull();
  });
  it('points at the unknown unit in the list', () => {
    expect(validateBody('stall', { ...stallBody, unitIds: ['muck', 'zoo'] }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/unitIds/1',
      message: 'unknown unit "zoo"',
    });
  });
  it('refuses a complaint about an unknown unit', () => {
    const complaints = [stallBody.complaints[0], { unitId: 'zoo', category: '其他', text: '投诉' }];
    expect(validateBody('stall', { ...stallBody, complaints }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/complaints/1/unitId',
      message: 'unknown unit "zoo"',
    });
  });
  it('refuses a stall that closed before it opened', () => {
    expect(validateBody('stall', { ...stallBody, closedAt: '2026-11-20T00:59:59.999Z' }, DEMO_CAMPAIGN)).toEqual({
      path: '/body/closedAt',
      message: 'the stall closed before it opened',
    });
  });
  it('accepts a stall that closed the moment it opened', () => {
    expect(validateBody('stall', { ...stallBody, closedAt: stallBody.openedAt }, DEMO_CAMPAIGN)).toBeNull();
  });
});

describe('validateBody: followup', () => {
  const items = (id: string) => (id === 'item-1' ? { unitId: 'muck' } : undefined);
  it('accepts a follow-up of a known item of its unit', () => {
    expect(validateBody('followup', followupBody, DEMO_CAMPAIGN, '/body', items)).toBeNull();
  });
  it('refuses an unknown unit before looking at the item', () => {
    expect(validateBody('followup', { ...followupBody, unitId: 'zoo', itemId: 'item-9' }, DEMO_CAMPAIGN, '/body', items)).toEqual({
      path: '/body/unitId',
      message: 'unknown unit "zoo"',
    });
  });
  it('refuses an item it does not know, and any item without a lookup', () => {
    const expected = { path: '/body/itemId', message: 'unknown rectification item "item-1"' };
    expect(validateBody('followup', followupBody, DEMO_CAMPAIGN)).toEqual(expected);
    expect(validateBody('followup', { ...followupBody, itemId: 'item-2' }, DEMO_CAMPAIGN, '/body', items)?.message).toBe('unknown rectification item "item-2"');
  });
  it('refuses a follow-up filed under another unit than its item', () => {
    expect(validateBody('followup', { ...followupBody, unitId: 'law' }, DEMO_CAMPAIGN, '/body', items)).toEqual({
      path: '/body/unitId',
      message: 'rectification item "item-1" is for unit "muck", not "law"',
    });
  });
  it('hands the item lookup through validateRecord, amends included', () => {
    expect(validateRecord(record('followup', followupBody), DEMO_CAMPAIGN, none, undefined, items)).toBeNull();
    expect(validateRecord(record('followup', followupBody), DEMO_CAMPAIGN, none)?.path).toBe('/body/itemId');
    const r = amend({ ...followupBody, verdict: 'partly' });
    expect(validateRecord(r, DEMO_CAMPAIGN, lookup(target({ type: 'followup' })), undefined, items)).toBeNull();
  });
});
