// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isoTime, uuidv7 } from '../../../src/domain/ids';
import { bindingIds, withAnyId } from '../../../src/domain/kept';
import { applyRosterChange, loggedPerson, rosterChange, rosterProblems, RosterSchema, type LoggedPerson, type RosterPerson } from '../../../src/domain/roster';
import { shanghaiDateZh, shanghaiIso, shanghaiMinute } from '../../../src/domain/shanghai-time';

describe('ids', () => {
  it('writes a UUIDv7 with the milliseconds first, version 7 and the RFC variant', () => {
    const ms = 0x0123456789ab;
    expect(uuidv7(ms, (n) => new Uint8Array(n).fill(0xff))).toBe('01234567-89ab-7fff-bfff-ffffffffffff');
    expect(uuidv7(ms, (n) => new Uint8Array(n))).toBe('01234567-89ab-7000-8000-000000000000');
    expect(uuidv7(0, (n) => new Uint8Array(n).map((_, i) => i))).toBe('00000000-0000-7607-8809-0a0b0c0d0e0f');
    const a = uuidv7();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(a.slice(0, 8) + a.slice(9, 13), 16)).toBeLessThanOrEqual(Date.now());
    expect(uuidv7()).not.toBe(a);
  });
  it('writes RFC 3339 UTC with milliseconds', () => {
    expect(isoTime(Date.UTC(2026, 10, 21, 9, 5, 7, 9))).toBe('2026-11-21T09:05:07.009Z');
  });
});

describe('kept: the ids a sealed part may be bound to', () => {
  it('tries the amend’s keptFrom first, then its own id', () => {
    expect(bindingIds({ id: 'a2', type: 'amend', body: { keptFrom: 'a1' } })).toEqual(['a1', 'a2']);
    expect(bindingIds({ id: 'a2', type: 'amend', body: { keptFrom: 'a2' } })).toEqual(['a2']);
    expect(bindingIds({ id: 'a2', type: 'amend', body: { keptFrom: '' } })).toEqual(['a2']);
    expect(bindingIds({ id: 'a2', type: 'amend', body: { keptFrom: 5 } })).toEqual(['a2']);
    expect(bindingIds({ id: 'a2', type: 'amend', body: {} })).toEqual(['a2']);
    expect(bindingIds({ id: 'v1', type: 'visit', body: { keptFrom: 'a1' } })).toEqual(['v1']);
  });
  it('decrypts with the first id that works and rethrows the last failure', async () => {
    const tried: string[] = [];
    const decrypt = async (id: string) => {
      tried.push(id);
      if (id !== 'b') throw new Error(`not ${id}`);
      return `plain ${id}`;
    };
    expect(await withAnyId(['a', 'b', 'c'], decrypt)).toBe('plain b');
    expect(tried).toEqual(['a', 'b']);
    await expect(withAnyId(['a', 'c'], decrypt)).rejects.toThrow('not c');
    await expect(withAnyId([], decrypt)).rejects.toThrow('no record id');
  });
});

describe('Asia/Shanghai times at their edges', () => {
  it('pads months and days in ISO but not in Chinese, and gives nothing for a non-time', () => {
    expect(shanghaiIso(0)).toBe('1970-01-01T08:00:00.000+08:00');
    expect(shanghaiIso(Number.NaN)).toBeNull();
    expect(shanghaiIso(Number.POSITIVE_INFINITY)).toBeNull();
    expect(shanghaiDateZh('2026-01-04T20:00:00.000Z')).toBe('2026年1月5日');
    expect(shanghaiDateZh('nope')).toBe('');
    expect(shanghaiMinute(Date.parse('2026-01-04T20:07:09.000Z'))).toBe('2026-01-05 04:07');
    expect(shanghaiMinute('nope')).toBe('');
  });
});

describe('roster', () => {
  const person = (id: string, over: Partial<RosterPerson> = {}): RosterPerson => ({
    id,
    name: `人${id}`,
    group: 'public',
    source: '社区',
    status: 'approved',
    ...over,
  });
  const contact = { alg: 'HPKE-P256-SHA256-AES256GCM' as const, enc: 'ZW5j', ct: 'Y3Q' };

  it('checks people: trimmed text, no control characters, a reason for the disqualified, unique ids', () => {
    expect(RosterSchema.safeParse({ people: [person('p1'), person('p2', { name: '  李四 ' })] }).data?.people[1]!.name).toBe('李四');
    const issue = (people: unknown[]) => {
      const r = RosterSchema.safeParse({ people });
      return r.success ? null : { path: r.error.issues[0]!.path.join('/'), message: r.error.issues[0]!.message };
    };
    expect(issue([person('p1', { name: '李\n四' })])).toEqual({ path: 'people/0/name', message: 'no control characters (line breaks, tabs)' });
    expect(issue([person('p1', { name: '李\u001f四' })])?.path).toBe('people/0/name');
    expect(issue([person('p1', { name: '李 四' })])).toBeNull();
    expect(issue([person('p1', { name: '   ' })])?.path).toBe('people/0/name');
    expect(issue([person('p1', { status: 'disqualified' })])).toEqual({ path: 'people/0/reason', message: 'a disqualified person needs a reason' });
    expect(issue([person('p1', { status: 'disqualified', reason: '调离' })])).toBeNull();
    expect(issue([person('p1'), person('p1')])).toEqual({ path: 'people', message: 'person ids must be unique' });
  });

  it('names groups and units the campaign does not have', () => {
    const campaign = { raterGroups: [{ id: 'public' }], units: [{ id: 'u1' }, { id: 'u2' }] } as Parameters<typeof rosterProblems>[1];
    const roster = { people: [person('p1', { units: ['u1', 'u9', 'u2', 'u8'] }), person('p2', { group: 'press' })] };
    expect(rosterProblems(roster, campaign)).toEqual([
      { path: '/people/0/units/1', message: '"u9" is not a unit of the campaign' },
      { path: '/people/0/units/3', message: '"u8" is not a unit of the campaign' },
      { path: '/people/1/group', message: '"press" is not a rater group of the campaign' },
    ]);
    expect(rosterProblems({ people: [person('p1', { units: ['u2'] })] }, campaign)).toEqual([]);
  });

  it('logs a person without the contact, saying only that there is one', () => {
    expect(loggedPerson(person('p1', { contact }))).toEqual({ ...person('p1'), hasContact: true });
    expect(loggedPerson(person('p1'))).toEqual(person('p1'));
    expect('hasContact' in loggedPerson(person('p1'))).toBe(false);
  });

  it('computes the change between rosters and replays it', () => {
    const before = [person('p3'), person('p1'), person('p2', { source: '企业' }), person('p0')];
    const after = [person('p2', { source: '企业' }), person('p4', { contact }), person('p1', { status: 'appointed' })];
    const change = rosterChange(before, after);
    expect(change).toEqual({ changed: [{ ...person('p4'), hasContact: true }, person('p1', { status: 'appointed' })], removed: ['p0', 'p3'] });
    // Key order does not make a change.
    const reordered = { status: 'approved', source: '社区', group: 'public', name: '人p1', id: 'p1' } as RosterPerson;
    expect(rosterChange([person('p1')], [reordered])).toEqual({ changed: [], removed: [] });
    const replayed = new Map<string, LoggedPerson>(before.map((p) => [p.id, loggedPerson(p)]));
    applyRosterChange(replayed, change);
    expect([...replayed.keys()].sort()).toEqual(['p1', 'p2', 'p4']);
    expect(replayed.get('p1')!.status).toBe('appointed');
    expect(replayed.get('p4')!.hasContact).toBe(true);
  });
});
