import { describe, expect, it } from 'vitest';
import { drawPicks, drawRosterHash, StrataSchema, type DrawCandidate } from '../../../src/domain/draw';
import { hSync } from '../../../src/protocol/canon';

const people: DrawCandidate[] = [
  { id: 'p-003', group: 'public', status: 'approved' },
  { id: 'p-001', group: 'expert', status: 'approved' },
  { id: 'p-004', group: 'public', status: 'candidate' },
  { id: 'p-002', group: 'public', status: 'approved' },
  { id: 'p-005', group: 'expert', status: 'disqualified' },
];

describe('drawRosterHash', () => {
  it('is H of the approved people’s id and group, ordered by id', () => {
    expect(drawRosterHash(people)).toBe(
      hSync([
        { id: 'p-001', group: 'expert' },
        { id: 'p-002', group: 'public' },
        { id: 'p-003', group: 'public' },
      ]),
    );
  });
  it('does not depend on the order of the roster', () => {
    expect(drawRosterHash([...people].reverse())).toBe(drawRosterHash(people));
    expect(drawRosterHash([people[3]!, people[0]!, people[1]!])).toBe(drawRosterHash(people));
  });
  it('ignores people who are not approved', () => {
    expect(drawRosterHash(people.filter((p) => p.status === 'approved'))).toBe(drawRosterHash(people));
    expect(drawRosterHash([{ id: 'x', group: 'public', status: 'candidate' }])).toBe(hSync([]));
  });
  it('changes when an approved person changes group', () => {
    const moved = people.map((p) => (p.id === 'p-002' ? { ...p, group: 'expert' } : p));
    expect(drawRosterHash(moved)).not.toBe(drawRosterHash(people));
  });
});

describe('drawPicks', () => {
  it('lists the groups in id order, whatever order the strata name them in', () => {
    const a = drawPicks(people, '00ff00ff00ff00ff', { public: 1, expert: 1 });
    const b = drawPicks(people, '00ff00ff00ff00ff', { expert: 1, public: 1 });
    expect(Object.keys(a)).toEqual(['expert', 'public']);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('StrataSchema', () => {
  const groups = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`g${i}`, 1]));
  it('takes up to 100 groups', () => {
    expect(StrataSchema.safeParse(groups(100)).success).toBe(true);
    expect(StrataSchema.safeParse({}).success).toBe(true);
  });
  it('refuses more than 100 groups', () => {
    const r = StrataSchema.safeParse(groups(101));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('at most 100 groups');
  });
});
