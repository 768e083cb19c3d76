// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { PingyiRecord } from '../../../src/domain/records';
import { effectiveAnswers } from '../../../src/domain/scoring';

const idOf = (n: number) => `0190c0de-0000-7000-8000-${String(n).padStart(12, '0')}`;

function record(type: PingyiRecord['type'], n: number, body: Record<string, unknown>, over: Partial<PingyiRecord> = {}): PingyiRecord {
  return {
    v: 1,
    type,
    id: idOf(n),
    campaignId: 'demo',
    deviceId: 'dev-1',
    seq: n,
    prev: '0'.repeat(64),
    collector: 'c1',
    createdAt: `2026-11-0${n % 9}T08:00:00.000Z`,
    sealedAt: `2026-11-0${n % 9}T08:00:00.000Z`,
    body,
    ...over,
  };
}

const f2fBody = (unitId: string, overall: string, durationMs = 60_000) => ({
  unitId,
  raterGroup: 'public',
  overall,
  ratings: { openness: overall },
  channel: 'stall',
  durationMs,
});
const f2f = (n: number, unitId: string, overall: string, over: Partial<PingyiRecord> = {}) => record('f2f', n, f2fBody(unitId, overall), over);
const amend = (n: number, target: number, body: Record<string, unknown>) =>
  record('amend', n, { targetId: idOf(target), targetHash: '0'.repeat(64), reason: 'fix', body });
const voidOf = (n: number, target: number) => record('void', n, { targetId: idOf(target), targetHash: '0'.repeat(64), reason: 'wrong' });

describe('effectiveAnswers: the questionnaires that count (src/domain/DOMAIN.md Scoring)', () => {
  it('gives an unamended original as it is, with its own seq, device, collector and seal time', () => {
    const out = effectiveAnswers([f2f(1, 'law', 'very', { deviceId: 'dev-9', collector: 'c9', campaignId: 'camp' })]);
    expect(out).toEqual([
      {
        originalId: idOf(1),
        campaignId: 'camp',
        deviceId: 'dev-9',
        collector: 'c9',
        latestSeq: 1,
        sealedAt: '2026-11-01T08:00:00.000Z',
        unitId: 'law',
        raterGroup: 'public',
        overall: 'very',
        ratings: { openness: 'very' },
        durationMs: 60_000,
      },
    ]);
  });

  it('applies the amendment with the highest seq, in whichever order the amendments come', () => {
    const original = f2f(1, 'law', 'very');
    const early = amend(2, 1, f2fBody('law', 'neutral', 1000));
    const late = amend(3, 1, f2fBody('office', 'less', 2000));
    for (const records of [
      [original, early, late],
      [original, late, early],
      [late, early, original],
    ]) {
      const [q] = effectiveAnswers(records);
      expect(q).toMatchObject({ originalId: idOf(1), latestSeq: 3, unitId: 'office', overall: 'less', ratings: { openness: 'less' }, durationMs: 2000 });
      // the seal time stays the original's: data-quality signals are about the interview
      expect(q!.sealedAt).toBe(original.sealedAt);
    }
  });

  it('leaves out a voided questionnaire, whether the void comes before or after it, amended or not', () => {
    expect(effectiveAnswers([f2f(1, 'law', 'very'), voidOf(2, 1)])).toEqual([]);
    expect(effectiveAnswers([voidOf(2, 1), f2f(1, 'law', 'very')])).toEqual([]);
    expect(effectiveAnswers([f2f(1, 'law', 'very'), amend(2, 1, f2fBody('law', 'less')), voidOf(3, 1)])).toEqual([]);
  });

  it('keeps the other questionnaires when one is voided or amended', () => {
    const out = effectiveAnswers([f2f(1, 'law', 'very'), f2f(2, 'office', 'fairly'), voidOf(3, 1), amend(4, 2, f2fBody('office', 'neutral'))]);
    expect(out.map((q) => [q.originalId, q.overall, q.latestSeq])).toEqual([[idOf(2), 'neutral', 4]]);
  });

  it('counts no record of another type, and an amendment or void of something absent changes nothing', () => {
    const stall = record('stall', 5, {
      place: 'x',
      unitIds: ['law'],
      openedAt: '2026-11-01T08:00:00.000Z',
      closedAt: '2026-11-01T09:00:00.000Z',
      visitors: 3,
      complaints: [],
    });
    const out = effectiveAnswers([stall, f2f(1, 'law', 'very'), amend(6, 7, f2fBody('office', 'less')), voidOf(8, 9)]);
    expect(out.map((q) => q.originalId)).toEqual([idOf(1)]);
    expect(out[0]!.overall).toBe('very');
  });

  it('gives nothing for no records', () => {
    expect(effectiveAnswers([])).toEqual([]);
  });
});
