/**
 * JSON of a batch body without one large string. A batch of 500 questionnaires is about 400 KB of
 * UTF-8; decoded whole, it becomes one string of twice that in V8's large-object space, fresh
 * memory from the system for every batch, and that decoding cost more than parsing it. Here the
 * body is cut, by one pass over its bytes, at the objects that make up the arrays of the top-level
 * object (the records), and each piece is decoded and parsed alone; small strings are cheap.
 *
 * The answer is always JSON.parse's of the whole text, through `parse` (the framework's strict
 * parser: proto poisoning refused): the pieces are cut only at ASCII bytes (a UTF-8 sequence never
 * contains one), each element must parse as a JSON object and the rest (with each element replaced
 * by its number) as JSON, so their combination is valid JSON exactly when the whole is. Anything
 * else (a top level that is not an object, an array of the top-level object holding a non-object,
 * any parse error) returns undefined and the caller parses the whole text, so errors and their
 * answers stay the framework's own.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Below this many bytes the whole text is parsed as it is (the cut would gain nothing). */
export const SPLIT_MIN_BYTES = 64 * 1024;

/**
 * The index after the end of the string whose opening quote is at `start - 1` (JSON escapes: a
 * backslash takes the next byte), or -1 when the text ends first.
 */
function stringEnd(buf: Buffer, start: number): number {
  let i = start;
  for (;;) {
    const q = buf.indexOf(QUOTE, i);
    if (q < 0) return -1;
    // The quote ends the string unless an odd number of backslashes stands before it.
    let slashes = 0;
    for (let k = q - 1; k >= start && buf[k] === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

/** The index after the object (or array) opening at `start`, braces counted outside strings; -1 when unbalanced. */
function valueEnd(buf: Buffer, start: number): number {
  let depth = 0;
  const n = buf.length;
  for (let i = start; i < n; i++) {
    const b = buf[i]!;
    if (b === QUOTE) {
      const end = stringEnd(buf, i + 1);
      if (end < 0) return -1;
      i = end - 1;
    } else if (b === LBRACE || b === LBRACKET) depth++;
    else if (b === RBRACE || b === RBRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * The parsed body, or undefined when it must be parsed whole (see above). `parse` throws on what
 * it refuses.
 */
export function parseSplit(buf: Buffer, parse: (text: string) => unknown): unknown {
  const n = buf.length;
  let i = 0;
  while (i < n && isSpace(buf[i]!)) i++;
  if (i >= n || buf[i] !== LBRACE) return undefined;
  const skeleton: string[] = [];
  const elements: unknown[] = [];
  let copied = 0;
  try {
    // Inside the top-level object: strings are skipped whole, nested objects too, arrays are cut.
    for (i++; i < n; i++) {
      const b = buf[i]!;
      if (b === QUOTE) {
        const end = stringEnd(buf, i + 1);
        if (end < 0) return undefined;
        i = end - 1;
      } else if (b === LBRACE) {
        const end = valueEnd(buf, i);
        if (end < 0) return undefined;
        i = end - 1;
      } else if (b === RBRACE) {
        break;
      } else if (b === LBRACKET) {
        // An array of the top-level object: every element must be an object, each one cut out.
        for (i++; i < n; i++) {
          const c = buf[i]!;
          if (isSpace(c) || c === COMMA) continue;
          if (c === RBRACKET) break;
          if (c !== LBRACE) return undefined;
          const end = valueEnd(buf, i);
          if (end < 0) return undefined;
          const element = parse(buf.toString('utf8', i, end));
          if (typeof element !== 'object' || element === null || Array.isArray(element)) return undefined;
          skeleton.push(buf.toString('utf8', copied, i), String(elements.length));
          elements.push(element);
          copied = end;
          i = end - 1;
        }
        if (i >= n) return undefined;
      }
    }
    skeleton.push(buf.toString('utf8', copied, n));
    const top = parse(skeleton.join(''));
    if (typeof top !== 'object' || top === null || Array.isArray(top)) return undefined;
    // Every array of the top-level object holds element numbers only (any other element was refused
    // above); a repeated key keeps its last value, as JSON.parse does, and the others go unused.
    const out = top as Record<string, unknown>;
    for (const key of Object.keys(out)) {
      const v = out[key];
      if (!Array.isArray(v)) continue;
      for (let k = 0; k < v.length; k++) {
        const at = v[k] as unknown;
        if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= elements.length) return undefined;
        v[k] = elements[at];
      }
    }
    return out;
  } catch {
    return undefined;
  }
}
