import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSplit } from '../../src/server/ingest/batch-json';

/** What the framework's parser does: JSON.parse, refusing __proto__ keys. */
const strict = (text: string): unknown =>
  JSON.parse(text, (key, value: unknown) => {
    if (key === '__proto__') throw new SyntaxError('proto');
    return value;
  });

/** parseSplit's answer must be the whole text's, or undefined (the caller then parses the whole). */
function agrees(text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let whole: unknown;
  let failed = false;
  try {
    whole = strict(buf.toString('utf8'));
  } catch {
    failed = true;
  }
  const split = parseSplit(buf, strict);
  if (failed) expect(split).toBeUndefined();
  else if (split !== undefined) expect(split).toStrictEqual(whole);
}

const record = (i: number) => ({
  id: `r${i}`,
  seq: i,
  prev: '0'.repeat(64),
  body: { comment: '窗口办事效率还可以，"引号}" \\ 反斜杠\\" ]', ratings: { a: 'very', b: ['x', { y: '}' }] }, n: -1.5e3 },
});
const batch = (n: number) => ({ header: { deviceId: 'd', count: n, list: [1, 2] }, records: Array.from({ length: n }, (_, i) => record(i + 1)), sig: 'abc' });

describe('batch body JSON without one large string', () => {
  it('parses a batch as JSON.parse does, records included', () => {
    const text = JSON.stringify(batch(50));
    const split = parseSplit(Buffer.from(text), strict);
    expect(split).toStrictEqual(JSON.parse(text));
    expect(parseSplit(Buffer.from(JSON.stringify(batch(3), null, 2)), strict)).toStrictEqual(batch(3));
  });

  it('cuts a body with white space of every kind around its parts, and strings that end in backslashes or hold braces', () => {
    // Cut, not left to the whole parse: the answer is the value itself, never undefined.
    const cuts = (text: string) => expect(parseSplit(Buffer.from(text), strict), text).toStrictEqual(JSON.parse(text));
    cuts(' \t\r\n{"records":[{"a":1}]}');
    cuts('{ "records" : [ {"a":1} ,\n\t{"b":2}\r\n ] , "sig" : "x" }\n');
    cuts('{"records":[{"t":"ends in a backslash \\\\"},{"t":"a quote \\" and } and ]"}],"sig":"\\\\"}');
    cuts('{"records":[{"t":"\\\\\\"}"}],"n":[{"x":"]"},{"y":[1,[2]]}]}');
    cuts('{"records":[{"a":{"b":{"c":[{"d":1}]}}}]}');
  });

  it('keeps the last of repeated keys, and empty arrays', () => {
    agrees('{"records":[{"a":1}],"records":[{"b":2},{"c":3}],"x":[]}');
    expect(parseSplit(Buffer.from('{"records":[{"a":1}],"records":[{"b":2}],"x":[ ]}'), strict)).toStrictEqual({ records: [{ b: 2 }], x: [] });
  });

  it('leaves to the whole parse what it does not cut, and never accepts what JSON.parse refuses', () => {
    for (const text of [
      '',
      '[]',
      '[{"a":1}]',
      ' {"records":[{"a":1}]} ',
      '{"records":[{"a":1} {"b":2}]}',
      '{"records":[{"a":1},,{"b":2}]}',
      '{"records":[{"a":1},]}',
      '{"records":[{"a":1},2]}',
      '{"records":[[1]]}',
      '{"records":[{"a":"\\"}"}]}',
      '{"records":[{"a":"\\\\"}]}',
      '{"records":[{"a":1}]',
      '{"records":[{"a":1}]}}',
      '{"records":[{"a":1}]} x',
      '{"records":[{"a":"unterminated}]}',
      '{"records":[{"__proto__":{"x":1}}]}',
      '{"__proto__":{"x":1},"records":[{"a":1}]}',
      '{"records":[{"a":1}],"n":0}',
      '{"records":[{"a":1}] "n":0}',
      '\ufeff{"records":[{"a":1}]}',
      '{"a":{"records":[{"a":1}]},"b":"[{"}',
    ])
      agrees(text);
    expect(parseSplit(Buffer.from('{"records":[{"__proto__":{"x":1}}]}'), strict)).toBeUndefined();
  });

  it('decodes broken UTF-8 as the whole text would', () => {
    const head = Buffer.from('{"records":[{"a":"');
    const tail = Buffer.from('"},{"b":"\u5f20"}]}');
    const buf = Buffer.concat([head, Buffer.from([0xe5, 0xbc]), tail]);
    expect(parseSplit(buf, strict)).toStrictEqual(JSON.parse(buf.toString('utf8')));
  });

  it('agrees with JSON.parse on mutated batches (fast-check)', () => {
    const base = JSON.stringify(batch(4));
    const alphabet = ['{', '}', '[', ']', '"', '\\', ',', ':', ' ', '1', 'a', '张'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.constantFrom(...alphabet)), { minLength: 1, maxLength: 4 }), (edits) => {
        let text = base;
        for (const [at, drop, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + drop);
        }
        agrees(text);
      }),
      { numRuns: 5000 },
    );
  });
});
