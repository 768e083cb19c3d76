// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import type { PingyiRecord } from '../../../src/domain/records';
import { accumulate, computeTally, effectiveAnswers, type ManualScores, type Tally } from '../../../src/domain/scoring';
import { META } from './helpers';

const C = DEMO_CAMPAIGN;
const levelKeys = C.scale.map((l) => l.key);
const unitIds = C.units.map((u) => u.id);
const groupIds = C.raterGroups.map((g) => g.id);

const bodyArb = fc.record({
  unitId: fc.constantFrom(...unitIds.slice(0, 4)),
  raterGroup: fc.constantFrom(...groupIds),
  overall: fc.constantFrom(...levelKeys),
  ratings: fc.tuple(...C.dimensions.map(() => fc.constantFrom(...levelKeys))).map((ls) => Object.fromEntries(C.dimensions.map((d, i) => [d.id, ls[i]!]))),
});
type Body = typeof bodyArb extends fc.Arbitrary<infer B> ? B : never;
type Step = { kind: 'f2f'; body: Body } | { kind: 'amend'; target: number; body: Body } | { kind: 'void'; target: number };

/** A step of one device: a new questionnaire, an amendment or a void of an earlier one (by position). */
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('f2f' as const), body: bodyArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('amend' as const), target: fc.nat(), body: bodyArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat() }) },
);

/** Valid records of a few devices: corrections target an earlier, not voided original of the same device. */
function buildRecords(devices: { steps: Step[] }[]): PingyiRecord[] {
  const out: PingyiRecord[] = [];
  devices.forEach(({ steps }, d) => {
    const originals: string[] = [];
    const voided = new Set<string>();
    let seq = 0;
    const rec = (type: PingyiRecord['type'], body: Record<string, unknown>): PingyiRecord => {
      seq += 1;
      const id = `0190c0de-0000-7000-8000-${String(d).padStart(4, '0')}${String(seq).padStart(8, '0')}`;
      return {
        v: 1,
        type,
        id,
        campaignId: C.id,
        deviceId: `dev-${d}`,
        seq,
        prev: '0'.repeat(64),
        collector: `c${d}`,
        createdAt: META.computedAt,
        sealedAt: META.computedAt,
        body,
      };
    };
    for (const s of steps) {
      const live = originals.filter((id) => !voided.has(id));
      if (s.kind === 'f2f') {
        const r = rec('f2f', { ...s.body, channel: 'stall', durationMs: 60_000 });
        originals.push(r.id);
        out.push(r);
      } else if (live.length > 0) {
        const target = live[s.target % live.length]!;
        const base = { targetId: target, targetHash: '0'.repeat(64), reason: 'fix' };
        if (s.kind === 'void') voided.add(target);
        out.push(s.kind === 'void' ? rec('void', base) : rec('amend', { ...base, body: { ...s.body, channel: 'stall', durationMs: 60_000 } }));
      }
    }
  });
  return out;
}

const recordsArb = fc.array(fc.record({ steps: fc.array(stepArb, { maxLength: 40 }) }), { minLength: 1, maxLength: 4 }).map(buildRecords);
const shuffledArb = recordsArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })));
const manualArb: fc.Arbitrary<ManualScores> = fc.record({
  scores: fc.dictionary(
    fc.constantFrom(...unitIds),
    fc.record({ network: fc.double({ min: 0, max: 100, noNaN: true }), daily: fc.double({ min: 0, max: 100, noNaN: true }) }, { requiredKeys: [] }),
  ),
  bonusRanking: fc.shuffledSubarray(unitIds),
});

const tallyOf = (records: PingyiRecord[], manual: ManualScores): Tally => computeTally(C, accumulate(effectiveAnswers(records)), manual, META);
const unknownAnswer = (unitId: string, raterGroup: string): Body => ({
  unitId,
  raterGroup,
  overall: 'unknown',
  ratings: Object.fromEntries(C.dimensions.map((d) => [d.id, 'unknown'])),
});

describe('tally properties', () => {
  it('does not depend on record order', () => {
    fc.assert(
      fc.property(shuffledArb, manualArb, ([records, shuffled], manual) => {
        expect(tallyOf(shuffled, manual)).toEqual(tallyOf(records, manual));
      }),
      { numRuns: 80 },
    );
  });

  it('an added 不了解 answer changes no score, only the unknown count', () => {
    fc.assert(
      fc.property(recordsArb, manualArb, fc.constantFrom(...unitIds), fc.constantFrom(...groupIds), (records, manual, unitId, group) => {
        const before = tallyOf(records, manual);
        const extra = buildRecords([{ steps: [{ kind: 'f2f', body: unknownAnswer(unitId, group) }] }]).map((r) => ({
          ...r,
          deviceId: 'dev-x',
          id: r.id.replace(/.$/, 'f'),
        }));
        const after = tallyOf([...records, ...extra], manual);
        const strip = (t: Tally) =>
          t.units.map((u) => ({
            ...u,
            survey: { ...u.survey, byGroup: Object.fromEntries(Object.entries(u.survey.byGroup).map(([g, s]) => [g, { score: s.score, counted: s.counted }])) },
          }));
        expect(strip(after)).toEqual(strip(before));
        const u = after.units.find((x) => x.unitId === unitId)!;
        const b = before.units.find((x) => x.unitId === unitId)!;
        expect(u.survey.byGroup[group]!.unknown).toBe(b.survey.byGroup[group]!.unknown + 1);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the survey score within the min and max of its group scores', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        for (const u of tallyOf(records, { scores: {}, bonusRanking: [] }).units) {
          const defined = Object.values(u.survey.byGroup).flatMap((g) => (g.score === null ? [] : [g.score]));
          if (defined.length === 0) expect(u.survey.score).toBeNull();
          else {
            expect(u.survey.score!).toBeGreaterThanOrEqual(Math.min(...defined) - 1e-9);
            expect(u.survey.score!).toBeLessThanOrEqual(Math.max(...defined) + 1e-9);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('never exceeds Σ component max, nor a component its max with the bonus', () => {
    const maxTotal = C.scoring.components.reduce((s, c) => s + c.max, 0);
    fc.assert(
      fc.property(recordsArb, manualArb, (records, manual) => {
        for (const u of tallyOf(records, manual).units) {
          for (const c of C.scoring.components) {
            const v = u.components[c.id];
            if (v !== null && v !== undefined) expect(v).toBeLessThanOrEqual(c.max);
          }
          if (u.total !== null) expect(u.total).toBeLessThanOrEqual(maxTotal + 1e-9);
          if (u.total === null) expect(u.flags).toContain('incomplete');
        }
      }),
      { numRuns: 80 },
    );
  });

  it('lists ranked units by non-increasing total with ranks 1, 2, 2, 4 …, unranked last', () => {
    fc.assert(
      fc.property(recordsArb, manualArb, (records, manual) => {
        const units = tallyOf(records, manual).units;
        const ranked = units.filter((u) => u.rank !== null);
        expect(units.slice(ranked.length).every((u) => u.rank === null && u.total === null)).toBe(true);
        ranked.forEach((u, i) => {
          if (i === 0) return expect(u.rank).toBe(1);
          const prev = ranked[i - 1]!;
          expect(u.total!).toBeLessThanOrEqual(prev.total! + 0.005);
          const same = Math.round(u.total! * 100) === Math.round(prev.total! * 100);
          expect(u.rank).toBe(same ? prev.rank : i + 1);
        });
      }),
      { numRuns: 80 },
    );
  });

  it('counts only effective questionnaires: voided ones out, amended ones in their latest version', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const voided = new Set(records.filter((r) => r.type === 'void').map((r) => String(r.body.targetId)));
        const effective = effectiveAnswers(records);
        expect(effective.length).toBe(records.filter((r) => r.type === 'f2f' && !voided.has(r.id)).length);
        for (const e of effective) {
          const amends = records.filter((r) => r.type === 'amend' && r.body.targetId === e.originalId);
          const latest = amends.reduce<PingyiRecord | undefined>((m, r) => (!m || r.seq > m.seq ? r : m), undefined);
          const body = (latest ? latest.body.body : records.find((r) => r.id === e.originalId)!.body) as Record<string, unknown>;
          expect(e.overall).toBe(body.overall);
          expect(e.unitId).toBe(body.unitId);
        }
      }),
      { numRuns: 80 },
    );
  });
});
