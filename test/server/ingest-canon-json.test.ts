import { describe, expect, it } from 'vitest';
import { canonicaliser } from '../../src/server/ingest/canon-json';

/**
 * The ingest canonicaliser against RFC 8785 as JSON.stringify states it for single values: strings
 * escaped exactly where JSON must escape them, numbers as ECMAScript writes them, keys sorted by
 * UTF-16 code units.
 */
describe('canonicaliser, value by value', () => {
  it('escapes quote, backslash, every control character and lone surrogates, and writes every other character as is', () => {
    const canon = canonicaliser();
    const chars = ['"', '\\', '\u0000', '\u0008', '\u001f', ' ', '~', '\u007f', '\u2028', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uffff'];
    for (const c of chars) {
      for (const s of [c, `a${c}`, `${c}b`, `x${c}y`]) expect(canon(s), JSON.stringify(s)).toBe(JSON.stringify(s));
    }
    // A pair of surrogates is a character, written as is.
    expect(canon('\ud83d\ude00')).toBe('"\ud83d\ude00"');
    expect(canon('"\\\n')).toBe('"\\"\\\\\\n"');
    expect(canon('\u001f')).toBe('"\\u001f"');
    expect(canon('\u0020')).toBe('" "');
    expect(canon('\ud800')).toBe('"\\ud800"');
    expect(canon('\udfff')).toBe('"\\udfff"');
    expect(canon('\ue000')).toBe('"\ue000"');
    expect(canon('')).toBe('""');
  });

  it('writes numbers, booleans and null as JSON does', () => {
    const canon = canonicaliser();
    expect([0, -0, 1, -1.5, 1e21, 1e-7, 123456789012345680000].map(canon)).toEqual(['0', '0', '1', '-1.5', '1e+21', '1e-7', '123456789012345680000']);
    expect([true, false, null].map(canon)).toEqual(['true', 'false', 'null']);
  });

  it('refuses values JSON.parse never makes, naming what they are', () => {
    const canon = canonicaliser();
    expect(() => canon(Number.NaN)).toThrow(new TypeError('non-finite numbers have no canonical JSON form'));
    expect(() => canon(Infinity)).toThrow(TypeError);
    expect(() => canon(undefined)).toThrow(new TypeError('a undefined has no canonical JSON form'));
    expect(() => canon(1n)).toThrow(new TypeError('a bigint has no canonical JSON form'));
    expect(() => canon({ a: [() => 1] })).toThrow(new TypeError('a function has no canonical JSON form'));
  });

  it('writes arrays and objects with commas between members only, keys sorted, empty ones as [] and {}', () => {
    const canon = canonicaliser();
    expect(canon([])).toBe('[]');
    expect(canon({})).toBe('{}');
    expect(canon([1])).toBe('[1]');
    expect(canon([1, 'a', [], {}])).toBe('[1,"a",[],{}]');
    expect(canon({ b: 1 })).toBe('{"b":1}');
    expect(canon({ b: 1, a: [2], c: { e: null, d: {} } })).toBe('{"a":[2],"b":1,"c":{"d":{},"e":null}}');
    // Keys by UTF-16 code units: upper case before lower case, a surrogate pair before U+FFFF.
    expect(canon({ '\uffff': 1, a: 2, B: 3, '\ud83d\ude00': 4, '"': 5 })).toBe('{"\\"":5,"B":3,"a":2,"\ud83d\ude00":4,"\uffff":1}');
  });

  it('tells apart shapes that share a prefix of keys, in both orders of meeting them', () => {
    const longFirst = canonicaliser();
    expect(longFirst({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(longFirst({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(longFirst({ b: 1 })).toBe('{"b":1}');
    const shortFirst = canonicaliser();
    expect(shortFirst({ b: 1 })).toBe('{"b":1}');
    expect(shortFirst({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(shortFirst({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(shortFirst({ a: 1, b: 2 })).toBe('{"a":1,"b":2}');
  });

  it('stays right past the number of shapes it remembers', () => {
    const canon = canonicaliser();
    const shapes = Array.from({ length: 70 }, (_, i) => ({ [`k${i}`]: i, a: i }));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < shapes.length; i++) expect(canon(shapes[i])).toBe(`{"a":${i},"k${i}":${i}}`);
    }
  });
});
