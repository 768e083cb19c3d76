import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { uuidv7 } from '../../src/domain/ids';
import type { PingyiRecord } from '../../src/domain/records';
import { ZERO } from '../../src/protocol/canon';
import type { ApiError } from '../../src/server/http/errors';
import {
  attachmentHashes,
  attachmentSignatureProblem,
  bodyUnits,
  checkRecords,
  invalid,
  type CheckedRecord,
  type RecordContext,
} from '../../src/server/ingest/check-records';
import { projectF2f } from '../../src/server/ingest/projection';

/**
 * The per-record checks of a batch and what it changes in the effective questionnaires, called
 * directly with records of the demo campaign (no server: every mutant of these modules is tried
 * against them in milliseconds).
 */
const campaign = DEMO_CAMPAIGN;
const [U1, U2, U3] = campaign.units.map((u) => u.id);
const device = { collector: '张三', enrolledAt: '2026-11-21T09:00:00.000Z', receivedAt: '2026-11-21T09:35:00.000Z' };
const ratings = Object.fromEntries(campaign.dimensions.map((d) => [d.id, campaign.scale[0]!.key]));
const f2fBody = (unitId: string, extra: Record<string, unknown> = {}) => ({
  unitId,
  raterGroup: campaign.raterGroups[0]!.id,
  channel: 'stall',
  ratings,
  overall: campaign.scale[1]!.key,
  durationMs: 60_000,
  ...extra,
});
const base = (seq: number, type: string, body: Record<string, unknown>) => ({
  v: 1,
  type,
  id: uuidv7(),
  campaignId: campaign.id,
  deviceId: 'dev-1',
  seq,
  prev: ZERO,
  collector: '张三',
  createdAt: '2026-11-21T09:30:00.000Z',
  sealedAt: `2026-11-21T09:31:0${seq % 10}.000Z`,
  body,
});
const hashOf = (seq: number) => String(seq).padStart(64, '0');
const item = (index: number, raw: Record<string, unknown>) => ({
  index,
  raw,
  hash: hashOf(raw.seq as number),
  canon: `canon-${index}`,
  leafHash: new Uint8Array([index]),
});
const ctx = (over: Partial<RecordContext> = {}): RecordContext => ({
  campaign,
  campaignId: campaign.id,
  device,
  existingIds: new Set(),
  storedTargets: new Map(),
  items: () => undefined,
  ...over,
});
const correction = (seq: number, type: 'amend' | 'void', target: { id: string; seq: number }, body?: Record<string, unknown>) =>
  base(seq, type, { targetId: target.id, targetHash: hashOf(target.seq), reason: '填错了', ...(body ? { body } : {}) });

function thrown(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('nothing was thrown');
}

describe('bodyUnits and invalid', () => {
  it('names the units of each original type', () => {
    expect(bodyUnits('f2f', { unitId: 'a' })).toEqual(['a']);
    expect(bodyUnits('visit', { unitId: 'v' })).toEqual(['v']);
    expect(bodyUnits('followup', { unitId: 'f' })).toEqual(['f']);
    expect(bodyUnits('forum', { unitIds: ['a', 'b'], opinions: [{ unitId: 'c' }, {}, { unitId: 'a' }] })).toEqual(['a', 'b', 'c', 'a']);
    expect(bodyUnits('stall', { unitIds: ['a'], complaints: [{ unitId: 'd' }, { unitId: 'e' }] })).toEqual(['a', 'd', 'e']);
  });

  it('words invalid-record with the index and path', () => {
    const e = invalid(3, '/body/unitId', 'unknown unit "x"');
    expect([e.code, e.message, e.details]).toEqual([
      'invalid-record',
      'Record 3 is invalid at /body/unitId: unknown unit "x".',
      { index: 3, path: '/body/unitId' },
    ]);
  });
});

describe('checkRecords', () => {
  it('passes valid records with their hash, canon, leaf hash and units, in order', () => {
    const a = base(1, 'f2f', f2fBody(U1!));
    const b = base(2, 'f2f', f2fBody(U2!, { comment: '好' }));
    const out = checkRecords([item(4, a), item(5, b)], ctx());
    expect(out.map((r) => [r.index, r.record, r.hash, r.canon, [...r.leafHash!], r.units, r.target])).toEqual([
      [4, a, hashOf(1), 'canon-4', [4], [U1], undefined],
      [5, b, hashOf(2), 'canon-5', [5], [U2], undefined],
    ]);
    expect(out[0]!.record).toBe(a);
  });

  it("refuses a record of another campaign, or any record when the device's campaign is gone", () => {
    const a = base(1, 'f2f', f2fBody(U1!));
    const other = thrown(() => checkRecords([item(0, a), item(1, { ...base(2, 'f2f', f2fBody(U1!)), campaignId: 'other' })], ctx()));
    expect([other.code, other.details]).toEqual(['invalid-record', { index: 1, path: '/campaignId' }]);
    expect(other.message).toBe('Record 1 is invalid at /campaignId: this device is enrolled in campaign "demo" and may only send its records.');
    const gone = thrown(() => checkRecords([item(0, a)], ctx({ campaign: undefined })));
    expect(gone.details).toEqual({ index: 0, path: '/campaignId' });
  });

  it('refuses an invalid record with the path validation names, whether or not the quick check applies', () => {
    const bad = thrown(() => checkRecords([item(2, base(1, 'f2f', f2fBody('no-such-unit')))], ctx()));
    expect([bad.code, bad.details]).toEqual(['invalid-record', { index: 2, path: '/body/unitId' }]);
    const forum = thrown(() => checkRecords([item(0, base(1, 'forum', { unitIds: [] }))], ctx()));
    expect(forum.code).toBe('invalid-record');
  });

  it('refuses an id already used on the server or earlier in the batch', () => {
    const a = base(1, 'f2f', f2fBody(U1!));
    const stored = thrown(() => checkRecords([item(0, a)], ctx({ existingIds: new Set([a.id]) })));
    expect([stored.details, stored.message]).toEqual([
      { index: 0, path: '/id' },
      `Record 0 is invalid at /id: record id ${a.id} is already used on this server.`,
    ]);
    const again = thrown(() => checkRecords([item(0, a), item(1, { ...base(2, 'f2f', f2fBody(U1!)), id: a.id })], ctx()));
    expect(again.details).toEqual({ index: 1, path: '/id' });
  });

  it('gives an amend the units of its target and of its new answers, a void those of its target', () => {
    const a = base(1, 'f2f', f2fBody(U1!));
    const amend = correction(2, 'amend', a, f2fBody(U2!));
    const amendSame = correction(3, 'amend', a, f2fBody(U1!));
    const out = checkRecords([item(0, a), item(1, amend), item(2, amendSame)], ctx());
    expect(out[1]!.units).toEqual([U1, U2]);
    expect(out[1]!.target).toEqual({ type: 'f2f', units: [U1] });
    expect(out[2]!.units).toEqual([U1]);

    const v = correction(4, 'void', a);
    const out2 = checkRecords([item(0, a), item(1, v)], ctx());
    expect(out2[1]!.units).toEqual([U1]);
    expect(out2[1]!.target).toEqual({ type: 'f2f', units: [U1] });
    // Once voided, nothing may target it: not a second void, not an amend.
    const twice = thrown(() => checkRecords([item(0, a), item(1, v), item(2, correction(5, 'void', a))], ctx()));
    expect(twice.details).toEqual({ index: 2, path: '/body/targetId' });
  });

  it('finds targets stored before the batch and corrects them with their stored units', () => {
    const storedId = uuidv7();
    const storedTargets = new Map([[storedId, { type: 'f2f' as const, hash: hashOf(1), deviceId: 'dev-1', seq: 1, voided: false, units: [U3!] }]]);
    const amend = correction(2, 'amend', { id: storedId, seq: 1 }, f2fBody(U1!));
    const [checked] = checkRecords([item(0, amend)], ctx({ storedTargets }));
    expect(checked!.units).toEqual([U3, U1]);
    expect(checked!.target).toEqual({ type: 'f2f', units: [U3] });
    const unknown = thrown(() => checkRecords([item(0, amend)], ctx()));
    expect(unknown.details).toEqual({ index: 0, path: '/body/targetId' });
  });
});

describe('attachments', () => {
  const att = (c: string, mime = 'image/jpeg', sealed = false) => ({ sha256: c.repeat(64), bytes: 10, mime, sealed });
  const checked = (index: number, attachments?: ReturnType<typeof att>[]) => ({ index, record: { attachments } as PingyiRecord }) as CheckedRecord;
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  it('lists the hashes once each, in first-seen order', () => {
    expect(attachmentHashes([checked(0, [att('b'), att('a')]), checked(1), checked(2, [att('a'), att('c')])])).toEqual(
      ['b', 'a', 'c'].map((c) => c.repeat(64)),
    );
    expect(attachmentHashes([])).toEqual([]);
  });

  it('names the first held open photo whose bytes are not of its type; sealed and not yet held ones pass', () => {
    const heads = new Map([
      ['a'.repeat(64), JPEG],
      ['b'.repeat(64), PNG],
    ]);
    expect(attachmentSignatureProblem([checked(0, [att('a'), att('b', 'image/png'), att('c')]), checked(1)], heads)).toBeNull();
    expect(attachmentSignatureProblem([checked(0, [att('b', 'image/jpeg', true)])], heads)).toBeNull();
    const p = attachmentSignatureProblem([checked(0, [att('a')]), checked(3, [att('c'), att('a', 'image/png'), att('b', 'image/webp')])], heads)!;
    expect([p.code, p.details, p.message]).toEqual([
      'invalid-record',
      { index: 3, path: '/attachments/1/mime' },
      `Record 3 is invalid at /attachments/1/mime: the uploaded bytes of ${'a'.repeat(64)} do not start with the signature of image/png.`,
    ]);
  });
});

describe('projectF2f', () => {
  const rec = (seq: number, type: string, body: Record<string, unknown>) =>
    ({ ...base(seq, type, body), collector: `c${seq}`, createdAt: `2026-11-21T09:0${seq}:00.000Z` }) as unknown as PingyiRecord;
  const c = (record: PingyiRecord, target?: CheckedRecord['target']) => ({ index: 0, record, hash: '', canon: '', units: [], target }) as CheckedRecord;
  const f2fTarget = { type: 'f2f' as const, units: [U1!] };

  it('inserts a questionnaire with its answers, counted or held with its reasons', () => {
    const a = rec(1, 'f2f', f2fBody(U1!, { location: { latE6: 1, lonE6: 2, accuracyM: 3 } }));
    const b = rec(2, 'f2f', f2fBody(U2!));
    const ops = projectF2f([c(a), c(b)], new Map([[b.id, ['burst' as const]]]));
    expect(ops.updates).toEqual([]);
    expect(ops.deletes).toEqual([]);
    expect(ops.inserts).toEqual([
      {
        originalId: a.id,
        campaignId: campaign.id,
        unitId: U1,
        raterGroup: campaign.raterGroups[0]!.id,
        channel: 'stall',
        overall: campaign.scale[1]!.key,
        ratings,
        deviceId: 'dev-1',
        collector: 'c1',
        latestSeq: 1,
        sealedAt: a.sealedAt,
        durationMs: 60_000,
        latE6: 1,
        lonE6: 2,
        createdAt: '2026-11-21T09:01:00.000Z',
        state: 'counted',
        reasons: [],
      },
      expect.objectContaining({ originalId: b.id, unitId: U2, latE6: null, lonE6: null, state: 'held', reasons: ['burst'] }),
    ]);
    expect(projectF2f([c(a)]).inserts[0]!.state).toBe('counted');
  });

  it("amends a questionnaire of the same batch keeping the original's who, when and review state", () => {
    const a = rec(1, 'f2f', f2fBody(U1!));
    const amend = rec(2, 'amend', { targetId: a.id, body: f2fBody(U2!, { overall: campaign.scale[2]!.key }) });
    const ops = projectF2f([c(a), c(amend, f2fTarget)], new Map([[a.id, ['burst' as const]]]));
    expect(ops.inserts).toEqual([
      expect.objectContaining({
        originalId: a.id,
        unitId: U2,
        overall: campaign.scale[2]!.key,
        latestSeq: 2,
        collector: 'c1',
        deviceId: 'dev-1',
        sealedAt: a.sealedAt,
        createdAt: a.createdAt,
        campaignId: campaign.id,
        state: 'held',
        reasons: ['burst'],
      }),
    ]);
    expect(ops.updates).toEqual([]);
  });

  it('updates a stored questionnaire for an amend and deletes it for a void; a void of the same batch removes the insert', () => {
    const storedId = uuidv7();
    const amend = rec(3, 'amend', { targetId: storedId, body: f2fBody(U3!) });
    const ops = projectF2f([c(amend, f2fTarget)]);
    expect(ops.inserts).toEqual([]);
    expect(ops.updates).toEqual([expect.objectContaining({ originalId: storedId, unitId: U3, latestSeq: 3, collector: 'c3', state: 'counted', reasons: [] })]);
    const both = projectF2f([c(amend, f2fTarget), c(rec(4, 'void', { targetId: storedId }), f2fTarget)]);
    expect(both).toEqual({ inserts: [], updates: [], deletes: [storedId] });

    const a = rec(1, 'f2f', f2fBody(U1!));
    expect(projectF2f([c(a), c(rec(2, 'void', { targetId: a.id }), f2fTarget)])).toEqual({ inserts: [], updates: [], deletes: [] });
  });

  it('leaves corrections of other record types alone', () => {
    const forumTarget = { type: 'forum' as const, units: [U1!] };
    const id = uuidv7();
    expect(projectF2f([c(rec(2, 'amend', { targetId: id, body: {} }), forumTarget), c(rec(3, 'void', { targetId: id }), forumTarget)])).toEqual({
      inserts: [],
      updates: [],
      deletes: [],
    });
    expect(projectF2f([c(rec(1, 'forum', { unitIds: [U1] }))])).toEqual({ inserts: [], updates: [], deletes: [] });
  });
});
