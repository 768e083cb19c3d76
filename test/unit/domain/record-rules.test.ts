// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { imageSignatureMatches, instantMs, SEALED_CT_MAX, STRING_MAX, stringOk, stringProblem, TEXT_MAX, valueProblem } from '../../../src/domain/record-rules';

describe('instantMs: RFC 3339 UTC with milliseconds, a real date, 2000–2100', () => {
  it('reads a valid time to the millisecond', () => {
    expect(instantMs('2026-11-21T09:05:07.009Z')).toBe(Date.UTC(2026, 10, 21, 9, 5, 7, 9));
    expect(instantMs('2000-01-01T00:00:00.000Z')).toBe(Date.UTC(2000, 0, 1));
    expect(instantMs('2100-12-31T23:59:59.999Z')).toBe(Date.UTC(2100, 11, 31, 23, 59, 59, 999));
    expect(instantMs('2026-12-31T00:00:00.000Z')).toBe(Date.UTC(2026, 11, 31));
    expect(instantMs('2026-04-30T12:00:00.000Z')).toBe(Date.UTC(2026, 3, 30, 12));
  });

  it('refuses other forms, years out of range and impossible dates or times', () => {
    for (const s of [
      5,
      null,
      '2026-11-21T09:05:07Z',
      '2026-11-21T09:05:07.009+08:00',
      '2026-11-21 09:05:07.009Z',
      ' 2026-11-21T09:05:07.009Z',
      '2026-11-21T09:05:07.009Zx',
      '1999-12-31T23:59:59.999Z',
      '2101-01-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-13-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-32T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-02-29T00:00:00.000Z',
      '2100-02-29T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T00:60:00.000Z',
      '2026-01-01T00:00:60.000Z',
    ]) {
      expect(instantMs(s), String(s)).toBeUndefined();
    }
  });

  it('knows leap years: every 4th, not centuries unless every 400th', () => {
    expect(instantMs('2028-02-29T00:00:00.000Z')).toBe(Date.UTC(2028, 1, 29));
    expect(instantMs('2000-02-29T00:00:00.000Z')).toBe(Date.UTC(2000, 1, 29));
    expect(instantMs('2028-02-30T00:00:00.000Z')).toBeUndefined();
    expect(instantMs('2026-02-28T23:59:59.999Z')).toBe(Date.UTC(2026, 1, 28, 23, 59, 59, 999));
  });
});

describe('stringProblem', () => {
  it('refuses U+0000 and lone surrogates, and counts code points against the bound', () => {
    expect(stringProblem('a\u0000b', 10)).toBe('a string may not hold U+0000');
    const lone = 'a string may not hold a lone surrogate (it is not valid UTF-8)';
    expect(stringProblem('a\ud800', 10)).toBe(lone);
    expect(stringProblem('\udc00a', 10)).toBe(lone);
    expect(stringProblem('\ud800\ud800\udc00', 10)).toBe(lone);
    expect(stringProblem('𠀀𠀀', 2)).toBeNull(); // two code points, four UTF-16 units
    expect(stringProblem('𠀀𠀀𠀀', 2)).toBe('at most 2 characters here, this one has 3');
    expect(stringProblem('abc', 3)).toBeNull();
    expect(stringProblem('abcd', 3)).toBe('at most 3 characters here, this one has 4');
    expect(stringProblem('', 0)).toBeNull();
    expect(stringOk('abc', 3)).toBe(true);
    expect(stringOk('abcd', 3)).toBe(false);
    expect(stringOk(3, 3)).toBe(false);
  });
});

describe('imageSignatureMatches', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('checks the magic bytes of JPEG, PNG and WebP, and nothing else passes', () => {
    expect(imageSignatureMatches('image/jpeg', bytes(0xff, 0xd8, 0xff, 0xdb))).toBe(true);
    expect(imageSignatureMatches('image/jpeg', bytes(0xff, 0xd8, 0xfe))).toBe(false);
    expect(imageSignatureMatches('image/jpeg', bytes(0xff, 0xd8))).toBe(false);
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect(imageSignatureMatches('image/png', bytes(...png))).toBe(true);
    expect(imageSignatureMatches('image/png', bytes(...png.slice(0, 7), 0x0b))).toBe(false);
    const webp = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50];
    expect(imageSignatureMatches('image/webp', bytes(...webp))).toBe(true);
    expect(imageSignatureMatches('image/webp', bytes(...webp.slice(0, 11), 0x51))).toBe(false);
    expect(imageSignatureMatches('image/webp', bytes(0x52, 0x49, 0x46, 0x47, ...webp.slice(4)))).toBe(false);
    expect(imageSignatureMatches('image/gif', bytes(0x47, 0x49, 0x46, 0x38))).toBe(false);
    expect(imageSignatureMatches('image/jpeg', bytes(...png))).toBe(false);
  });
});

describe('valueProblem: every string and number of a record', () => {
  const text = (n: number) => '评'.repeat(n);
  const f2f = (body: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'f2f', id: 'x', body, ...extra });

  it('accepts a record whose strings are within their bounds and numbers safe integers', () => {
    expect(valueProblem(f2f({ unitId: 'u', comment: text(TEXT_MAX), durationMs: 2 ** 53 - 1, checks: { a: true }, n: null }))).toBeNull();
    expect(valueProblem({ type: 'f2f', body: { list: ['a', 1, [true]] } })).toBeNull();
  });

  it('bounds free text at 2,000 and every other string at 200, with the path', () => {
    expect(valueProblem(f2f({ comment: text(TEXT_MAX + 1) }))).toEqual({
      path: ['body', 'comment'],
      message: `at most 2000 characters here, this one has 2001`,
    });
    expect(valueProblem(f2f({ unitId: text(STRING_MAX + 1) }))).toEqual({ path: ['body', 'unitId'], message: 'at most 200 characters here, this one has 201' });
    expect(valueProblem(f2f({ unitId: text(STRING_MAX) }))).toBeNull();
    expect(valueProblem(f2f({ unitId: 'u' }, { collector: text(201) }))?.path).toEqual(['collector']);
    // `comment` is free text in the body only.
    expect(valueProblem(f2f({ x: { comment: text(201) } }))?.path).toEqual(['body', 'x', 'comment']);
    expect(valueProblem({ type: 'f2f', comment: text(201), body: {} })?.path).toEqual(['comment']);
  });

  it('knows the free text of each type: notes, opinions, complaints, reasons and an amend’s new body', () => {
    expect(valueProblem({ type: 'followup', body: { note: text(2000) } })).toBeNull();
    expect(valueProblem({ type: 'followup', body: { comment: text(201) } })?.path).toEqual(['body', 'comment']);
    expect(valueProblem({ type: 'forum', body: { opinions: [{ text: text(2000) }, { text: text(2001) }] } })?.path).toEqual(['body', 'opinions', 1, 'text']);
    expect(valueProblem({ type: 'forum', body: { opinions: [{ unitId: text(201) }] } })?.path).toEqual(['body', 'opinions', 0, 'unitId']);
    expect(valueProblem({ type: 'forum', body: { opinions: text(201) } })?.path).toEqual(['body', 'opinions']);
    expect(valueProblem({ type: 'forum', body: { opinions: [text(201)] } })?.path).toEqual(['body', 'opinions', 0]);
    expect(valueProblem({ type: 'stall', body: { complaints: [{ text: text(2000) }] } })).toBeNull();
    expect(valueProblem({ type: 'stall', body: { opinions: [{ text: text(201) }] } })?.path).toEqual(['body', 'opinions', 0, 'text']);
    expect(valueProblem({ type: 'void', body: { reason: text(2000) } })).toBeNull();
    expect(valueProblem({ type: 'void', body: { reason: text(2001) } })?.path).toEqual(['body', 'reason']);
    expect(
      valueProblem({ type: 'amend', body: { reason: text(2000), body: { comment: text(2000), note: text(2000), opinions: [{ text: text(2000) }] } } }),
    ).toBeNull();
    expect(valueProblem({ type: 'amend', body: { body: { complaints: [{ text: text(2001) }] } } })?.path).toEqual(['body', 'body', 'complaints', 0, 'text']);
    expect(valueProblem({ type: 'amend', body: { body: { unitId: text(201) } } })?.path).toEqual(['body', 'body', 'unitId']);
    expect(valueProblem({ type: 'amend', body: { body: text(201) } })?.path).toEqual(['body', 'body']);
    expect(valueProblem({ type: 'visit', body: { comment: text(201) } })?.path).toEqual(['body', 'comment']);
    expect(valueProblem({ type: 'toString', body: { comment: text(201) } })?.path).toEqual(['body', 'comment']);
    expect(valueProblem({ type: 5, body: { comment: text(201) } })?.path).toEqual(['body', 'comment']);
    expect(valueProblem({ type: 'f2f', body: text(201) })?.path).toEqual(['body']);
  });

  it('lets sealed.ct be 64 KiB and nothing else in sealed over 200', () => {
    expect(valueProblem(f2f({}, { sealed: { alg: 'a', enc: 'e', ct: 'c'.repeat(SEALED_CT_MAX) } }))).toBeNull();
    expect(valueProblem(f2f({}, { sealed: { ct: 'c'.repeat(SEALED_CT_MAX + 1) } }))?.path).toEqual(['sealed', 'ct']);
    expect(valueProblem(f2f({}, { sealed: { enc: 'e'.repeat(201) } }))?.path).toEqual(['sealed', 'enc']);
    expect(valueProblem(f2f({}, { sealed: 'x'.repeat(201) }))?.path).toEqual(['sealed']);
    expect(valueProblem(f2f({}, { other: { ct: 'c'.repeat(201) } }))?.path).toEqual(['other', 'ct']);
  });

  it('refuses numbers that are not safe integers, bad member names and bad characters anywhere', () => {
    const notInt = 'numbers in a record must be integers (at most 2^53 − 1 in size)';
    expect(valueProblem(f2f({ durationMs: 1.5 }))).toEqual({ path: ['body', 'durationMs'], message: notInt });
    expect(valueProblem(f2f({ list: [1, 2 ** 53] }))).toEqual({ path: ['body', 'list', 1], message: notInt });
    expect(valueProblem(f2f({ [text(201)]: 1 }))).toEqual({ path: ['body', text(201)], message: 'member name: at most 200 characters here, this one has 201' });
    expect(valueProblem(f2f({ ok: 'a', 'k\u0000': 1 }))?.message).toBe('member name: a string may not hold U+0000');
    expect(valueProblem(f2f({ a: { b: ['x', 'y\ud800'] } }))).toEqual({
      path: ['body', 'a', 'b', 1],
      message: 'a string may not hold a lone surrogate (it is not valid UTF-8)',
    });
    expect(valueProblem(f2f({ a: true, b: null, c: undefined }))).toBeNull();
  });
});
