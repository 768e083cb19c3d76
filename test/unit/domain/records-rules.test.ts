import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AmendBodySchema,
  AttachmentSchema,
  B64uSchema,
  BODY_SCHEMAS,
  CHANNELS,
  ComplaintSchema,
  F2fBodySchema,
  FOLLOWUP_VERDICTS,
  FollowupBodySchema,
  ForumBodySchema,
  HashSchema,
  InstantSchema,
  LocationSchema,
  OPINION_KINDS,
  OpinionSchema,
  RECORD_TYPES,
  RecordSchema,
  SealedSchema,
  StallBodySchema,
  TimeSchema,
  UuidV7Schema,
  VISIT_MODES,
  VisitBodySchema,
  VoidBodySchema,
} from '../../../src/domain/records';

const ok = (schema: z.ZodType, v: unknown) => schema.safeParse(v).success;
/** The issues of a parse as `path: message`, or undefined when it passes. */
const issues = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues.map((i) => `${i.path.join('/')}: ${i.message}`);

const TIME = '2026-11-21T09:30:00.000Z';
const HASH = '0123456789abcdef'.repeat(4);
const UUID = '01900000-0000-7abc-8def-0123456789ab';

/** Every string made from `s` by dropping one character or doubling one (one too few or one too many of something). */
function nearMisses(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    out.push(s.slice(0, i) + s.slice(i + 1));
    out.push(s.slice(0, i + 1) + s.slice(i));
  }
  return out;
}

describe('TimeSchema and InstantSchema (RFC 3339 UTC with milliseconds)', () => {
  it('takes the exact form and refuses one digit or separator too few or too many anywhere', () => {
    expect(ok(TimeSchema, TIME)).toBe(true);
    for (const bad of nearMisses(TIME)) expect(ok(TimeSchema, bad), bad).toBe(false);
  });

  it('refuses anything before or after the time, and letters for digits or separators', () => {
    for (const bad of [
      ` ${TIME}`,
      `${TIME} `,
      `x${TIME}`,
      `${TIME}x`,
      '2026-11-21T09:30:00,000Z',
      '2026-11-21 09:30:00.000Z',
      '2026-11-21T09:30:00.000+',
      'a026-11-21T09:30:00.000Z',
    ])
      expect(issues(TimeSchema, bad), bad).toEqual([': time must be RFC 3339 UTC with milliseconds']);
  });

  it('takes only real instants of the years 2000 to 2100 as a record time', () => {
    expect(ok(InstantSchema, TIME)).toBe(true);
    expect(ok(InstantSchema, '2000-01-01T00:00:00.000Z')).toBe(true);
    expect(ok(InstantSchema, '2100-12-31T23:59:59.999Z')).toBe(true);
    for (const bad of ['1999-12-31T23:59:59.999Z', '2101-01-01T00:00:00.000Z', '2026-02-30T00:00:00.000Z', '2026-11-21T24:00:00.000Z'])
      expect(issues(InstantSchema, bad), bad).toEqual([': time must be a real date and time of the years 2000 to 2100']);
    // The form is checked first, with its own message.
    expect(issues(InstantSchema, '2026-11-21')?.[0]).toBe(': time must be RFC 3339 UTC with milliseconds');
  });
});

describe('HashSchema, B64uSchema and UuidV7Schema', () => {
  it('takes a hash of exactly 64 lowercase hex characters', () => {
    expect(ok(HashSchema, HASH)).toBe(true);
    expect(ok(HashSchema, 'f'.repeat(64))).toBe(true);
    for (const bad of [HASH.slice(1), HASH + '0', HASH.toUpperCase(), 'g' + HASH.slice(1), ` ${HASH}`, `${HASH} `, HASH.slice(0, 63) + '-'])
      expect(issues(HashSchema, bad), bad).toEqual([': hash must be 64 lowercase hex characters']);
  });

  it('takes base64url of any length, without padding or the plain alphabet’s + and /', () => {
    for (const good of ['', 'A', 'AZaz09-_', 'abcDEF123_-xyz']) expect(ok(B64uSchema, good), good).toBe(true);
    for (const bad of ['ab=', 'a+b', 'a/b', '=ab', 'ab c', '+', '/']) expect(issues(B64uSchema, bad), bad).toEqual([': must be base64url without padding']);
  });

  it('takes a lowercase UUID of version 7 and the RFC variant only', () => {
    expect(ok(UuidV7Schema, UUID)).toBe(true);
    for (const variant of '89ab') expect(ok(UuidV7Schema, `01900000-0000-7000-${variant}000-000000000000`)).toBe(true);
    const bad = [
      '01900000-0000-4000-8000-000000000000', // version 4
      '01900000-0000-7000-c000-000000000000', // variant c
      '01900000-0000-7000-7000-000000000000', // variant 7
      UUID.toUpperCase(),
      `x${UUID}`,
      `${UUID}x`,
      '01900000-0000-7000-8000-00000000000g',
      ...nearMisses(UUID),
    ];
    for (const b of bad) expect(issues(UuidV7Schema, b), b).toEqual([': id must be a lowercase UUIDv7']);
  });
});

describe('LocationSchema (integer microdegrees and whole metres)', () => {
  const loc = { latE6: 31_230_416, lonE6: 121_473_701, accuracyM: 12 };
  it('takes coordinates up to the poles and the antimeridian, and an accuracy from 0', () => {
    expect(ok(LocationSchema, loc)).toBe(true);
    for (const latE6 of [90_000_000, -90_000_000]) expect(ok(LocationSchema, { ...loc, latE6 })).toBe(true);
    for (const lonE6 of [180_000_000, -180_000_000]) expect(ok(LocationSchema, { ...loc, lonE6 })).toBe(true);
    expect(ok(LocationSchema, { ...loc, accuracyM: 0 })).toBe(true);
    // Other keys pass through.
    expect(LocationSchema.parse({ ...loc, altitudeM: 4 })).toEqual({ ...loc, altitudeM: 4 });
  });
  it('refuses coordinates past them, a negative accuracy and any fraction', () => {
    for (const latE6 of [90_000_001, -90_000_001, 1.5]) expect(ok(LocationSchema, { ...loc, latE6 }), String(latE6)).toBe(false);
    for (const lonE6 of [180_000_001, -180_000_001, 0.5]) expect(ok(LocationSchema, { ...loc, lonE6 }), String(lonE6)).toBe(false);
    for (const accuracyM of [-1, 2.5]) expect(ok(LocationSchema, { ...loc, accuracyM }), String(accuracyM)).toBe(false);
    for (const k of Object.keys(loc)) expect(ok(LocationSchema, { ...loc, [k]: undefined }), k).toBe(false);
  });
});

describe('the lists of the protocol', () => {
  it('names the channels, opinion kinds, visit modes, record types and follow-up verdicts of PROTOCOL.md', () => {
    expect(CHANNELS).toEqual(['stall', 'forum', 'visit', 'door', 'other']);
    expect(OPINION_KINDS).toEqual(['opinion', 'suggestion', 'complaint', 'praise']);
    expect(VISIT_MODES).toEqual(['covert', 'open']);
    expect(RECORD_TYPES).toEqual(['f2f', 'forum', 'visit', 'stall', 'followup', 'amend', 'void']);
    expect(FOLLOWUP_VERDICTS).toEqual(['fixed', 'partly', 'not-fixed']);
  });

  it('checks each record type’s body with its own schema', () => {
    expect(BODY_SCHEMAS).toEqual({
      f2f: F2fBodySchema,
      forum: ForumBodySchema,
      visit: VisitBodySchema,
      stall: StallBodySchema,
      followup: FollowupBodySchema,
      amend: AmendBodySchema,
      void: VoidBodySchema,
    });
  });
});

describe('the body schemas', () => {
  const f2f = { unitId: 'office', raterGroup: 'public', channel: 'stall', ratings: { attitude: 'very' }, overall: 'fairly', durationMs: 0 };
  it('a questionnaire: any channel of the list, an overall answer, a duration from 0 ms, optional extras', () => {
    expect(ok(F2fBodySchema, f2f)).toBe(true);
    for (const channel of CHANNELS) expect(ok(F2fBodySchema, { ...f2f, channel })).toBe(true);
    const full = {
      ...f2f,
      checks: { badge: true, fee: false },
      comment: '',
      respondent: { ageBand: '30-39', occupation: 'teacher', other: 1 },
      location: { latE6: 0, lonE6: 0, accuracyM: 0 },
    };
    expect(ok(F2fBodySchema, full)).toBe(true);
    expect(ok(F2fBodySchema, { ...f2f, respondent: {} })).toBe(true);
    expect(issues(F2fBodySchema, { ...f2f, channel: 'phone' })?.[0]).toMatch(/^channel: /);
    expect(issues(F2fBodySchema, { ...f2f, overall: '' })?.[0]).toMatch(/^overall: /);
    expect(issues(F2fBodySchema, { ...f2f, durationMs: -1 })?.[0]).toMatch(/^durationMs: /);
    expect(issues(F2fBodySchema, { ...f2f, durationMs: 1.5 })?.[0]).toMatch(/^durationMs: /);
    expect(issues(F2fBodySchema, { ...f2f, checks: { badge: 'yes' } })?.[0]).toMatch(/^checks\/badge: /);
    expect(issues(F2fBodySchema, { ...f2f, ratings: { attitude: 3 } })?.[0]).toMatch(/^ratings\/attitude: /);
    expect(issues(F2fBodySchema, { ...f2f, comment: 7 })?.[0]).toMatch(/^comment: /);
    expect(issues(F2fBodySchema, { ...f2f, respondent: { ageBand: 30 } })?.[0]).toMatch(/^respondent\/ageBand: /);
    expect(issues(F2fBodySchema, { ...f2f, respondent: { occupation: 1 } })?.[0]).toMatch(/^respondent\/occupation: /);
    expect(issues(F2fBodySchema, { ...f2f, location: { latE6: 0 } })?.[0]).toMatch(/^location\//);
    expect(issues(F2fBodySchema, { ...f2f, unitId: 'a b' })?.[0]).toMatch(/^unitId: /);
    expect(issues(F2fBodySchema, { ...f2f, raterGroup: '' })?.[0]).toMatch(/^raterGroup: /);
  });

  const opinion = { kind: 'complaint', text: '收费不透明' };
  it('a forum opinion: a kind of the list and a text, its unit and dimension optional', () => {
    for (const kind of OPINION_KINDS) expect(ok(OpinionSchema, { ...opinion, kind })).toBe(true);
    expect(ok(OpinionSchema, { ...opinion, unitId: 'office', dimensionId: 'attitude' })).toBe(true);
    expect(issues(OpinionSchema, { ...opinion, kind: 'rant' })?.[0]).toMatch(/^kind: /);
    expect(issues(OpinionSchema, { ...opinion, text: '' })?.[0]).toMatch(/^text: /);
    expect(issues(OpinionSchema, { ...opinion, unitId: '' })?.[0]).toMatch(/^unitId: /);
    expect(issues(OpinionSchema, { ...opinion, dimensionId: 'a/b' })?.[0]).toMatch(/^dimensionId: /);
  });

  const forum = { unitIds: ['law'], title: '座谈会', heldAt: TIME, place: '会议室', attendees: { public: 0 }, opinions: [] };
  it('a forum: at least one unit, a title, a place, a real time, whole attendee counts from 0', () => {
    expect(ok(ForumBodySchema, forum)).toBe(true);
    expect(ok(ForumBodySchema, { ...forum, host: '李四', attendees: {}, opinions: [opinion] })).toBe(true);
    expect(issues(ForumBodySchema, { ...forum, unitIds: [] })?.[0]).toMatch(/^unitIds: /);
    expect(issues(ForumBodySchema, { ...forum, title: '' })?.[0]).toMatch(/^title: /);
    expect(issues(ForumBodySchema, { ...forum, place: '' })?.[0]).toMatch(/^place: /);
    expect(issues(ForumBodySchema, { ...forum, host: 1 })?.[0]).toMatch(/^host: /);
    expect(issues(ForumBodySchema, { ...forum, heldAt: '2026-02-30T00:00:00.000Z' })?.[0]).toMatch(/^heldAt: /);
    expect(issues(ForumBodySchema, { ...forum, attendees: { public: -1 } })?.[0]).toMatch(/^attendees\/public: /);
    expect(issues(ForumBodySchema, { ...forum, attendees: { public: 0.5 } })?.[0]).toMatch(/^attendees\/public: /);
    expect(issues(ForumBodySchema, { ...forum, opinions: [{ ...opinion, text: '' }] })?.[0]).toMatch(/^opinions\/0\/text: /);
  });

  const visit = { unitId: 'approval', mode: 'covert', visitedAt: TIME, categories: ['shirk'], severity: 'minor' };
  it('a visit: a mode of the list, a real time, at least one category and a severity', () => {
    for (const mode of VISIT_MODES) expect(ok(VisitBodySchema, { ...visit, mode })).toBe(true);
    expect(ok(VisitBodySchema, { ...visit, place: '窗口', location: { latE6: 1, lonE6: 1, accuracyM: 1 } })).toBe(true);
    expect(issues(VisitBodySchema, { ...visit, mode: 'secret' })?.[0]).toMatch(/^mode: /);
    expect(issues(VisitBodySchema, { ...visit, categories: [] })?.[0]).toMatch(/^categories: /);
    expect(issues(VisitBodySchema, { ...visit, categories: [''] })?.[0]).toMatch(/^categories\/0: /);
    expect(issues(VisitBodySchema, { ...visit, severity: '' })?.[0]).toMatch(/^severity: /);
    expect(issues(VisitBodySchema, { ...visit, place: 1 })?.[0]).toMatch(/^place: /);
    expect(issues(VisitBodySchema, { ...visit, visitedAt: '1999-01-01T00:00:00.000Z' })?.[0]).toMatch(/^visitedAt: /);
    expect(issues(VisitBodySchema, { ...visit, location: {} })?.[0]).toMatch(/^location\//);
  });

  const complaint = { unitId: 'muck', category: '', text: '渣土车撒漏' };
  const stall = { place: '广场', unitIds: ['muck'], openedAt: TIME, closedAt: TIME, visitors: 0, complaints: [] };
  it('a stall: a place, at least one unit, real times, visitors from 0, complaints with a unit and a text', () => {
    expect(ok(ComplaintSchema, complaint)).toBe(true);
    expect(issues(ComplaintSchema, { ...complaint, text: '' })?.[0]).toMatch(/^text: /);
    expect(issues(ComplaintSchema, { ...complaint, unitId: undefined })?.[0]).toMatch(/^unitId: /);
    expect(issues(ComplaintSchema, { ...complaint, category: 1 })?.[0]).toMatch(/^category: /);
    expect(ok(StallBodySchema, stall)).toBe(true);
    expect(ok(StallBodySchema, { ...stall, complaints: [complaint], location: { latE6: 1, lonE6: 1, accuracyM: 1 } })).toBe(true);
    expect(issues(StallBodySchema, { ...stall, place: '' })?.[0]).toMatch(/^place: /);
    expect(issues(StallBodySchema, { ...stall, unitIds: [] })?.[0]).toMatch(/^unitIds: /);
    expect(issues(StallBodySchema, { ...stall, openedAt: '2026-13-01T00:00:00.000Z' })?.[0]).toMatch(/^openedAt: /);
    expect(issues(StallBodySchema, { ...stall, closedAt: '2026-11-31T00:00:00.000Z' })?.[0]).toMatch(/^closedAt: /);
    expect(issues(StallBodySchema, { ...stall, visitors: -1 })?.[0]).toMatch(/^visitors: /);
    expect(issues(StallBodySchema, { ...stall, visitors: 1.5 })?.[0]).toMatch(/^visitors: /);
    expect(issues(StallBodySchema, { ...stall, complaints: [{ ...complaint, text: '' }] })?.[0]).toMatch(/^complaints\/0\/text: /);
    expect(issues(StallBodySchema, { ...stall, location: { latE6: 1 } })?.[0]).toMatch(/^location\//);
  });

  const followup = { itemId: 'item-1', unitId: 'muck', verdict: 'partly', note: '', visitedAt: TIME };
  it('a follow-up: an item, a unit, a verdict of the list, a note that may be empty and a real time', () => {
    for (const verdict of FOLLOWUP_VERDICTS) expect(ok(FollowupBodySchema, { ...followup, verdict })).toBe(true);
    expect(ok(FollowupBodySchema, { ...followup, location: { latE6: 1, lonE6: 1, accuracyM: 1 } })).toBe(true);
    expect(issues(FollowupBodySchema, { ...followup, verdict: 'done' })?.[0]).toMatch(/^verdict: /);
    expect(issues(FollowupBodySchema, { ...followup, itemId: '' })?.[0]).toMatch(/^itemId: /);
    expect(issues(FollowupBodySchema, { ...followup, note: undefined })?.[0]).toMatch(/^note: /);
    expect(issues(FollowupBodySchema, { ...followup, visitedAt: '2026-11-21' })?.[0]).toMatch(/^visitedAt: /);
    expect(issues(FollowupBodySchema, { ...followup, location: {} })?.[0]).toMatch(/^location\//);
  });

  const amend = { targetId: UUID, targetHash: HASH, reason: '填错了', body: {} };
  it('an amendment and a void: a target by UUIDv7 and hash, a reason, an amendment’s new body', () => {
    expect(ok(AmendBodySchema, amend)).toBe(true);
    expect(issues(AmendBodySchema, { ...amend, reason: '' })?.[0]).toMatch(/^reason: /);
    expect(issues(AmendBodySchema, { ...amend, body: [] })?.[0]).toMatch(/^body: /);
    expect(issues(AmendBodySchema, { ...amend, targetId: 'x' })?.[0]).toMatch(/^targetId: /);
    expect(issues(AmendBodySchema, { ...amend, targetHash: 'x' })?.[0]).toMatch(/^targetHash: /);
    const voidBody = { targetId: UUID, targetHash: HASH, reason: '重复录入' };
    expect(ok(VoidBodySchema, voidBody)).toBe(true);
    expect(issues(VoidBodySchema, { ...voidBody, reason: '' })?.[0]).toMatch(/^reason: /);
    expect(issues(VoidBodySchema, { ...voidBody, targetId: 'x' })?.[0]).toMatch(/^targetId: /);
    expect(issues(VoidBodySchema, { ...voidBody, targetHash: 'x' })?.[0]).toMatch(/^targetHash: /);
  });
});

describe('RecordSchema (the wire shape)', () => {
  const sealed = { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'a', ct: 'b' };
  const photo = { sha256: HASH, bytes: 0, mime: 'image/png', sealed: false };
  const record = {
    v: 1,
    type: 'f2f',
    id: UUID,
    campaignId: 'demo',
    deviceId: 'd',
    seq: 1,
    prev: HASH,
    collector: 'c',
    createdAt: TIME,
    sealedAt: TIME,
    body: {},
  };

  it('takes a sealed part with the one algorithm and non-empty parts, nothing else', () => {
    expect(ok(SealedSchema, sealed)).toBe(true);
    expect(issues(SealedSchema, { ...sealed, alg: 'HPKE-X25519' })?.[0]).toMatch(/^alg: /);
    expect(issues(SealedSchema, { ...sealed, enc: '' })?.[0]).toMatch(/^enc: /);
    expect(issues(SealedSchema, { ...sealed, ct: '' })?.[0]).toMatch(/^ct: /);
    expect(issues(SealedSchema, { ...sealed, enc: 'a=' })?.[0]).toMatch(/^enc: /);
    expect(ok(SealedSchema, { ...sealed, extra: 1 })).toBe(false);
  });

  it('takes an attachment that is an image of the three kinds, by hash and size from 0', () => {
    for (const mime of ['image/jpeg', 'image/png', 'image/webp']) expect(ok(AttachmentSchema, { ...photo, mime, sealed: true })).toBe(true);
    for (const mime of ['image/gif', 'application/pdf', ''])
      expect(issues(AttachmentSchema, { ...photo, mime })).toEqual(['mime: mime must be image/jpeg, image/png or image/webp']);
    expect(issues(AttachmentSchema, { ...photo, bytes: -1 })?.[0]).toMatch(/^bytes: /);
    expect(issues(AttachmentSchema, { ...photo, bytes: 0.5 })?.[0]).toMatch(/^bytes: /);
    expect(issues(AttachmentSchema, { ...photo, sealed: 'no' })?.[0]).toMatch(/^sealed: /);
    expect(issues(AttachmentSchema, { ...photo, sha256: 'x' })?.[0]).toMatch(/^sha256: /);
    expect(ok(AttachmentSchema, { ...photo, name: 'a.png' })).toBe(false);
  });

  it('takes version 1 of every type, with the sealed part and attachments optional', () => {
    expect(ok(RecordSchema, record)).toBe(true);
    for (const type of RECORD_TYPES) expect(ok(RecordSchema, { ...record, type })).toBe(true);
    expect(ok(RecordSchema, { ...record, sealed, attachments: [photo] })).toBe(true);
    expect(ok(RecordSchema, { ...record, attachments: [] })).toBe(true);
    expect(issues(RecordSchema, { ...record, v: 2 })?.[0]).toMatch(/^v: /);
    expect(issues(RecordSchema, { ...record, type: 'note' })?.[0]).toMatch(/^type: /);
    expect(issues(RecordSchema, { ...record, extra: 1 })).toBeDefined();
    expect(issues(RecordSchema, { ...record, sealed: { ...sealed, enc: '' } })?.[0]).toMatch(/^sealed\/enc: /);
    expect(issues(RecordSchema, { ...record, attachments: [{ ...photo, bytes: -1 }] })?.[0]).toMatch(/^attachments\/0\/bytes: /);
  });

  it('bounds the device and collector to 1–128 characters and the sequence from 1', () => {
    for (const k of ['deviceId', 'collector']) {
      expect(ok(RecordSchema, { ...record, [k]: 'x'.repeat(128) }), k).toBe(true);
      expect(issues(RecordSchema, { ...record, [k]: 'x'.repeat(129) })?.[0], k).toMatch(new RegExp(`^${k}: `));
      expect(issues(RecordSchema, { ...record, [k]: '' })?.[0], k).toMatch(new RegExp(`^${k}: `));
    }
    expect(issues(RecordSchema, { ...record, seq: 0 })?.[0]).toMatch(/^seq: /);
    expect(issues(RecordSchema, { ...record, seq: 1.5 })?.[0]).toMatch(/^seq: /);
  });

  it('wants a UUIDv7 id, a campaign id, a hash as prev, real times and an object body', () => {
    expect(issues(RecordSchema, { ...record, id: UUID.replace('7abc', '4abc') })?.[0]).toMatch(/^id: /);
    expect(issues(RecordSchema, { ...record, campaignId: '' })?.[0]).toMatch(/^campaignId: /);
    expect(issues(RecordSchema, { ...record, prev: HASH.slice(2) })?.[0]).toMatch(/^prev: /);
    expect(issues(RecordSchema, { ...record, createdAt: '2026-02-29T00:00:00.000Z' })?.[0]).toMatch(/^createdAt: /);
    expect(issues(RecordSchema, { ...record, sealedAt: '2026-02-29T00:00:00.000Z' })?.[0]).toMatch(/^sealedAt: /);
    expect(issues(RecordSchema, { ...record, body: 'x' })?.[0]).toMatch(/^body: /);
  });
});
