import { describe, expect, it } from 'vitest';
import { OPINION_REF, opinionItems } from '../../../src/domain/opinions';

const H = 'ab'.repeat(32);
const SEALED = '2026-11-20T02:00:00.000Z';
const rec = (type: string) => ({ type, sealedAt: SEALED }) as Parameters<typeof opinionItems>[0];
const none = { dimensionId: null, severity: null };

describe('opinionItems (the opinions one record holds)', () => {
  it('takes a questionnaire comment, trimmed, and nothing for an empty or missing one', () => {
    expect(opinionItems(rec('f2f'), H, { unitId: 'office', comment: '  窗口排队太久 ' }, false)).toEqual([
      { ...none, hash: H, ref: H, item: null, source: 'comment', unitId: 'office', category: null, text: '窗口排队太久', at: SEALED, amended: false },
    ]);
    expect(opinionItems(rec('f2f'), H, { unitId: 'office', comment: '   ' }, false)).toEqual([]);
    expect(opinionItems(rec('f2f'), H, { unitId: 'office', comment: 7 }, false)).toEqual([]);
    expect(opinionItems(rec('f2f'), H, { unitId: '', comment: 'x' }, true)[0]).toMatchObject({ unitId: null, amended: true });
  });

  it('numbers a forum’s opinions, giving one without a unit the forum’s only unit', () => {
    const body = {
      unitIds: ['law'],
      heldAt: '2026-11-19T06:00:00.000Z',
      opinions: [
        { text: '执法文明', kind: 'praise', dimensionId: 'attitude' },
        { text: '收费不透明', kind: 'complaint', unitId: 'office' },
        { kind: 'suggestion' },
      ],
    };
    expect(opinionItems(rec('forum'), H, body, false)).toEqual([
      {
        ...none,
        hash: H,
        ref: `${H}/0`,
        item: 0,
        source: 'forum',
        unitId: 'law',
        dimensionId: 'attitude',
        category: 'praise',
        text: '执法文明',
        at: body.heldAt,
        amended: false,
      },
      {
        ...none,
        hash: H,
        ref: `${H}/1`,
        item: 1,
        source: 'forum',
        unitId: 'office',
        category: 'complaint',
        text: '收费不透明',
        at: body.heldAt,
        amended: false,
      },
      { ...none, hash: H, ref: `${H}/2`, item: 2, source: 'forum', unitId: 'law', category: 'suggestion', text: '', at: body.heldAt, amended: false },
    ]);
    // Two units (or none): an opinion without its own unit has none; no heldAt: the sealing time.
    const two = opinionItems(rec('forum'), H, { unitIds: ['law', 'office'], opinions: [{ text: 'x' }] }, false);
    expect(two[0]).toMatchObject({ unitId: null, at: SEALED, category: null, dimensionId: null });
    expect(opinionItems(rec('forum'), H, { unitIds: 'law', opinions: [{ text: 'x' }] }, false)[0]!.unitId).toBeNull();
    expect(opinionItems(rec('forum'), H, { opinions: 'none' }, false)).toEqual([]);
  });

  it('numbers a stall’s complaints with their unit and category', () => {
    const body = { openedAt: '2026-11-18T01:00:00.000Z', complaints: [{ text: '推诿', unitId: 'approval', category: 'shirk' }, { unitId: '' }] };
    expect(opinionItems(rec('stall'), H, body, true)).toEqual([
      { ...none, hash: H, ref: `${H}/0`, item: 0, source: 'stall', unitId: 'approval', category: 'shirk', text: '推诿', at: body.openedAt, amended: true },
      { ...none, hash: H, ref: `${H}/1`, item: 1, source: 'stall', unitId: null, category: null, text: '', at: body.openedAt, amended: true },
    ]);
    expect(opinionItems(rec('stall'), H, { complaints: [{ text: 'x' }] }, false)[0]!.at).toBe(SEALED);
    expect(opinionItems(rec('stall'), H, { complaints: {} }, false)).toEqual([]);
  });

  it('takes a finding without its sealed text, with its categories and severity', () => {
    const body = { unitId: 'approval', categories: ['shirk', 'fees'], severity: 'serious', visitedAt: '2026-11-17T03:00:00.000Z' };
    expect(opinionItems(rec('visit'), H, body, false)).toEqual([
      {
        hash: H,
        ref: H,
        item: null,
        source: 'finding',
        unitId: 'approval',
        dimensionId: null,
        category: 'shirk,fees',
        text: null,
        at: body.visitedAt,
        severity: 'serious',
        amended: false,
      },
    ]);
    expect(opinionItems(rec('visit'), H, { categories: 'shirk' }, false)).toEqual([
      {
        hash: H,
        ref: H,
        item: null,
        source: 'finding',
        unitId: null,
        dimensionId: null,
        category: null,
        text: null,
        at: SEALED,
        severity: null,
        amended: false,
      },
    ]);
  });

  it('finds none in other records', () => {
    expect(opinionItems(rec('amend'), H, { comment: 'x', opinions: [{ text: 'x' }] }, false)).toEqual([]);
  });

  it('reads a ref as a record hash with an optional item index', () => {
    expect(OPINION_REF.test(H)).toBe(true);
    expect(OPINION_REF.test(`${H}/12`)).toBe(true);
    expect(OPINION_REF.test(`${H}/12345`)).toBe(false);
    expect(OPINION_REF.test(`x${H}`)).toBe(false);
    expect(OPINION_REF.test(`${H}/`)).toBe(false);
  });
});
