// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { b64u, canon, canonString, fromB64u, fromHex, H, hSync, PROTOCOL, sha256Hex, toHex, ZERO } from '../../../src/protocol/canon';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('canonical form and hashes (PROTOCOL.md "Canonical form")', () => {
  it('names the protocol and the zero hash', () => {
    expect(PROTOCOL).toBe('pingyi/1');
    expect(ZERO).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('writes RFC 8785 text: sorted members, no spaces, UTF-8 bytes', () => {
    expect(canonString({ b: 1, a: [true, null, '评议'], c: { z: 1.5, y: 'x' } })).toBe('{"a":[true,null,"评议"],"b":1,"c":{"y":"x","z":1.5}}');
    expect(text(canon({ b: 1, a: '评议' }))).toBe('{"a":"评议","b":1}');
    expect(canon({ a: '评' }).length).toBe(11); // {"a":"…"}: 8 ASCII bytes and 3 for 评
  });

  it('refuses a value without a JSON form', () => {
    expect(() => canon(undefined)).toThrow(new TypeError('value has no canonical JSON form'));
    expect(() => canonString(undefined)).toThrow(new TypeError('value has no canonical JSON form'));
  });

  it('writes and reads lowercase hex with leading zeros', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(toHex(new Uint8Array([]))).toBe('');
    expect([...fromHex('00010f10abff')]).toEqual([0, 1, 15, 16, 171, 255]);
    expect([...fromHex('ABCD')]).toEqual([171, 205]);
    expect(fromHex('').length).toBe(0);
  });

  it('hashes with SHA-256 (FIPS 180-2 "abc"), from bytes or a buffer', async () => {
    const abc = new TextEncoder().encode('abc');
    expect(await sha256Hex(abc)).toBe(ABC_SHA256);
    expect(await sha256Hex(abc.buffer)).toBe(ABC_SHA256);
  });

  it('H(x) is the SHA-256 of canon(x), the same synchronously', async () => {
    const x = { b: [1, 2], a: 'x' };
    const expected = await sha256Hex(new TextEncoder().encode('{"a":"x","b":[1,2]}'));
    expect(await H(x)).toBe(expected);
    expect(hSync(x)).toBe(expected);
    expect(hSync('abc')).toBe(await sha256Hex(new TextEncoder().encode('"abc"')));
  });
});

describe('base64url without padding', () => {
  it('uses - and _ and drops the padding', () => {
    expect(b64u(new Uint8Array([251, 255]))).toBe('-_8');
    expect(b64u(new Uint8Array([251, 239, 190]))).toBe('----');
    expect(b64u(new Uint8Array([255, 255, 255]))).toBe('____');
    expect(b64u(new Uint8Array([0]))).toBe('AA');
    expect(b64u(new Uint8Array([0, 0]))).toBe('AAA');
    expect(b64u(new Uint8Array([]))).toBe('');
    expect(b64u(new Uint8Array([1, 2, 3]).buffer)).toBe('AQID');
  });

  it('encodes more than one 32 KiB chunk like Node does', () => {
    const big = new Uint8Array(0x8000 * 2 + 5);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 8)) & 0xff;
    const expected = Buffer.from(big).toString('base64url');
    expect(b64u(big)).toBe(expected);
    expect(b64u(big.subarray(0, 0x8000))).toBe(Buffer.from(big.subarray(0, 0x8000)).toString('base64url'));
    expect([...fromB64u(expected)]).toEqual([...big]);
  });

  it('decodes every length with or without the missing padding, and refuses other characters', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 6]) {
      const bytes = new Uint8Array(n).map((_, i) => 250 - i * 37);
      expect([...fromB64u(b64u(bytes))]).toEqual([...bytes]);
    }
    expect([...fromB64u('-_8')]).toEqual([251, 255]);
    expect(() => fromB64u('ab+c')).toThrow(new TypeError('not base64url'));
    expect(() => fromB64u('ab/c')).toThrow(TypeError);
    expect(() => fromB64u('abc=')).toThrow(TypeError);
    expect(() => fromB64u('a b')).toThrow(TypeError);
    expect(() => fromB64u('x\nabc')).toThrow(TypeError);
    expect(() => fromB64u('abc\n')).toThrow(TypeError);
  });
});
