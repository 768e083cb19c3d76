import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawKey, drawPicks, drawShortfalls, DrawSeedSchema, type DrawCandidate } from '../../../src/domain/draw';
import { ROSTER_STATUSES } from '../../../src/domain/roster';

const GROUPS = ['expert', 'public', 'enterprise'];
const person = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
  group: fc.constantFrom(...GROUPS, 'other'),
  status: fc.constantFrom(...ROSTER_STATUSES),
});
const roster = fc.uniqueArray(person, { selector: (p) => p.id, maxLength: 80 });
const seed = fc.uint8Array({ minLength: 8, maxLength: 64 }).map((b) => Buffer.from(b).toString('hex'));
const strata = fc.dictionary(fc.constantFrom(...GROUPS), fc.integer({ min: 0, max: 30 }));

describe('the draw (PROTOCOL.md "Representatives")', () => {
  it('a fixed vector: keys are SHA-256 of the canonical {"personId","seed"} and the lowest keys are picked, in key order', () => {
    const s = '5e9d2c7f0a1b3c4d';
    // Computed apart from the code: sha256 of the text {"personId":"a1","seed":"5e9d2c7f0a1b3c4d"} and so on.
    expect(drawKey(s, 'a1')).toBe('bd986a0582a5cb72ed161d0770ed70aa9cc30e73048d01102856d1caab637672');
    expect(drawKey(s, 'b1')).toBe('009cda3e5c2b3594e4558b46ebf4ac73a6cc28e2f06537803f7d27f4eaa1c6e3');
    const people: DrawCandidate[] = [
      { id: 'a1', group: 'A', status: 'approved' }, // bd98…
      { id: 'a2', group: 'A', status: 'approved' }, // fb40…
      { id: 'a3', group: 'A', status: 'appointed' }, // bb56…, not approved: never drawn
      { id: 'a4', group: 'A', status: 'approved' }, // 7c39…
      { id: 'b1', group: 'B', status: 'approved' }, // 009c…
      { id: 'b2', group: 'B', status: 'approved' }, // 0735…
    ];
    expect(drawPicks(people, s, { A: 2, B: 1 })).toEqual({ A: ['a4', 'a1'], B: ['b1'] });
    expect(drawPicks(people, s, { A: 5 })).toEqual({ A: ['a4', 'a1', 'a2'] });
    expect(drawShortfalls(people, { A: 5, B: 2 })).toEqual({ A: 3 });
  });

  it('same inputs give the same picks, whatever the order of the roster', () => {
    fc.assert(
      fc.property(roster, seed, strata, (people, s, st) => {
        const a = drawPicks(people, s, st);
        const b = drawPicks([...people].reverse(), s, { ...st });
        expect(b).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it('picks are approved people of their group, without repeats, min(n, approved) of them, the lowest keys first', () => {
    fc.assert(
      fc.property(roster, seed, strata, (people, s, st) => {
        const picked = drawPicks(people, s, st);
        expect(Object.keys(picked).sort()).toEqual(Object.keys(st).sort());
        for (const [group, ids] of Object.entries(picked)) {
          const approved = people.filter((p) => p.group === group && p.status === 'approved');
          expect(ids.length).toBe(Math.min(st[group]!, approved.length));
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(approved.map((p) => p.id)).toContain(id);
          const keys = ids.map((id) => drawKey(s, id));
          expect([...keys].sort()).toEqual(keys);
          // Nobody left out has a lower key than the last one picked.
          const last = keys[keys.length - 1];
          if (last !== undefined) for (const p of approved) if (!ids.includes(p.id)) expect(drawKey(s, p.id) > last).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('another seed gives another order', () => {
    const people = Array.from({ length: 40 }, (_, i): DrawCandidate => ({ id: `p${i}`, group: 'A', status: 'approved' }));
    expect(drawPicks(people, '00'.repeat(32), { A: 10 })).not.toEqual(drawPicks(people, '01'.repeat(32), { A: 10 }));
  });

  it('a seed is lowercase hex of 16–128 characters', () => {
    expect(DrawSeedSchema.safeParse('0'.repeat(64)).success).toBe(true);
    for (const bad of ['ABCDEF0123456789', '0'.repeat(15), '0'.repeat(130), 'zz'.repeat(10)]) expect(DrawSeedSchema.safeParse(bad).success).toBe(false);
  });
});
