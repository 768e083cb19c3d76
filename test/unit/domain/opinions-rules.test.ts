import { describe, expect, it } from 'vitest';
import { opinionItems } from '../../../src/domain/opinions';

const H = 'cd'.repeat(32);
const SEALED = '2026-11-20T02:00:00.000Z';
const rec = (type: string) => ({ type, sealedAt: SEALED }) as Parameters<typeof opinionItems>[0];

describe('opinionItems reads only what the body holds in the expected shape', () => {
  it('names a unit only by a non-empty string', () => {
    for (const unitId of [5, true, {}, ['office'], null, '']) {
      expect(opinionItems(rec('f2f'), H, { unitId, comment: 'x' }, false)[0]!.unitId, String(unitId)).toBeNull();
      expect(opinionItems(rec('stall'), H, { complaints: [{ unitId, text: 'x' }] }, false)[0]!.unitId, String(unitId)).toBeNull();
      expect(opinionItems(rec('visit'), H, { unitId }, false)[0]!.unitId, String(unitId)).toBeNull();
      expect(opinionItems(rec('forum'), H, { unitIds: [unitId], opinions: [{ text: 'x' }] }, false)[0]!.unitId, String(unitId)).toBeNull();
    }
  });

  it('takes a forum’s unit list only when it is a list of exactly one unit', () => {
    // A one-letter string is not a list of one unit.
    expect(opinionItems(rec('forum'), H, { unitIds: 'u', opinions: [{ text: 'x' }] }, false)[0]!.unitId).toBeNull();
    expect(opinionItems(rec('forum'), H, { unitIds: [], opinions: [{ text: 'x' }] }, false)[0]!.unitId).toBeNull();
    expect(opinionItems(rec('forum'), H, { unitIds: ['u'], opinions: [{ text: 'x' }] }, false)[0]!.unitId).toBe('u');
    // An opinion’s own unit wins over the forum’s.
    expect(opinionItems(rec('forum'), H, { unitIds: ['u'], opinions: [{ text: 'x', unitId: 'v' }] }, false)[0]!.unitId).toBe('v');
  });

  it('takes no comment from a questionnaire whose comment is not text', () => {
    for (const comment of [undefined, null, 0, ['a'], { text: 'a' }])
      expect(opinionItems(rec('f2f'), H, { unitId: 'u', comment }, false), String(comment)).toEqual([]);
    expect(opinionItems(rec('f2f'), H, { unitId: 'u', comment: '\n好\t' }, false)[0]!.text).toBe('好');
  });

  it('reads each opinion’s and complaint’s text as written, numbering them from 0', () => {
    const forum = opinionItems(rec('forum'), H, { unitIds: ['u'], opinions: [{ text: 'a' }, { text: 'b', kind: 'praise' }, { text: 'c' }] }, false);
    expect(forum.map((o) => [o.ref, o.item, o.text, o.category])).toEqual([
      [`${H}/0`, 0, 'a', null],
      [`${H}/1`, 1, 'b', 'praise'],
      [`${H}/2`, 2, 'c', null],
    ]);
    const stall = opinionItems(rec('stall'), H, { complaints: [{ text: 'p' }, { text: 'q', category: 'fees' }] }, true);
    expect(stall.map((o) => [o.ref, o.item, o.text, o.category, o.amended, o.source])).toEqual([
      [`${H}/0`, 0, 'p', null, true, 'stall'],
      [`${H}/1`, 1, 'q', 'fees', true, 'stall'],
    ]);
  });

  it('lists a finding’s categories each as text, in their order, and nothing as categories when they are not a list', () => {
    expect(opinionItems(rec('visit'), H, { categories: ['b', 'a'] }, false)[0]!.category).toBe('b,a');
    expect(opinionItems(rec('visit'), H, { categories: ['a', null] }, false)[0]!.category).toBe('a,null');
    expect(opinionItems(rec('visit'), H, { categories: [] }, false)[0]!.category).toBe('');
    expect(opinionItems(rec('visit'), H, { categories: 'a' }, false)[0]!.category).toBeNull();
    expect(opinionItems(rec('visit'), H, { categories: { 0: 'a', length: 1 } }, false)[0]!.category).toBeNull();
  });

  it('takes a forum’s or stall’s list only when it is a list', () => {
    expect(opinionItems(rec('forum'), H, { unitIds: ['u'], opinions: { 0: { text: 'x' }, length: 1 } }, false)).toEqual([]);
    expect(opinionItems(rec('stall'), H, { complaints: 'x' }, false)).toEqual([]);
    expect(opinionItems(rec('stall'), H, {}, false)).toEqual([]);
    expect(opinionItems(rec('forum'), H, {}, false)).toEqual([]);
  });

  it('dates an opinion by its occasion when that is a non-empty string, else by the sealing time', () => {
    expect(opinionItems(rec('forum'), H, { heldAt: '', opinions: [{ text: 'x' }] }, false)[0]!.at).toBe(SEALED);
    expect(opinionItems(rec('stall'), H, { openedAt: 5, complaints: [{ text: 'x' }] }, false)[0]!.at).toBe(SEALED);
    expect(opinionItems(rec('visit'), H, { visitedAt: '' }, false)[0]!.at).toBe(SEALED);
    expect(opinionItems(rec('f2f'), H, { comment: 'x', heldAt: '2026-01-01T00:00:00.000Z' }, false)[0]!.at).toBe(SEALED);
  });

  it('finds none in follow-ups and voids', () => {
    for (const type of ['followup', 'void']) expect(opinionItems(rec(type), H, { comment: 'x', complaints: [{ text: 'x' }], unitId: 'u' }, false)).toEqual([]);
  });
});
