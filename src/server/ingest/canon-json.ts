/** Characters JSON.stringify would escape in a string: quote, backslash, controls, lone surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Object shapes a canonicaliser remembers (a batch's records have a handful). */
const MAX_SHAPES = 64;

/**
 * RFC 8785 canonical text of values parsed from JSON, written for the ingest hot path: the same
 * output as protocol/canon's canonString (keys sorted by UTF-16 code units, strings and numbers as
 * ECMAScript serialises them) at over twice its speed on 500-record batches. Records of a
 * batch share their shapes (the same keys in the same order), so each canonicaliser remembers, per
 * key list it met, the sorted order and the quoted keys: an object of a known shape is neither
 * sorted nor its keys quoted again. Make one per batch. Only for values that came out of
 * JSON.parse (no undefined, no toJSON, no non-finite numbers); the tests compare it with
 * canonString on arbitrary JSON.
 */
export function canonicaliser(): (x: unknown) => string {
  /** An object shape: its keys in insertion order, sorted, and each sorted key's `{"key":` or `,"key":`. */
  interface Shape {
    keys: string[];
    sorted: string[];
    prefixes: string[];
  }
  const shapes: Shape[] = [];
  const shapeOf = (keys: string[]): Shape => {
    // Property keys are internalised strings: comparing them is comparing pointers.
    next: for (let s = 0; s < shapes.length; s++) {
      const shape = shapes[s]!;
      if (shape.keys.length !== keys.length) continue;
      for (let i = 0; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue next;
      return shape;
    }
    const sorted = keys.slice().sort();
    const shape = { keys, sorted, prefixes: sorted.map((k, i) => (i === 0 ? '{' : ',') + JSON.stringify(k) + ':') };
    if (shapes.length < MAX_SHAPES) shapes.push(shape);
    return shape;
  };
  const canon = (x: unknown): string => {
    if (x === null) return 'null';
    switch (typeof x) {
      case 'string':
        return NEEDS_ESCAPE.test(x) ? JSON.stringify(x) : '"' + x + '"';
      case 'number':
        if (!Number.isFinite(x)) throw new TypeError('non-finite numbers have no canonical JSON form');
        return '' + x; // Number::toString, as JSON.stringify and RFC 8785 write numbers
      case 'boolean':
        return x ? 'true' : 'false';
      case 'object': {
        if (Array.isArray(x)) {
          let s = '[';
          for (let i = 0; i < x.length; i++) s += (i === 0 ? '' : ',') + canon(x[i]);
          return s + ']';
        }
        const o = x as Record<string, unknown>;
        const keys = Object.keys(o);
        if (keys.length === 0) return '{}';
        const { sorted, prefixes } = shapeOf(keys);
        let s = '';
        for (let i = 0; i < sorted.length; i++) s += prefixes[i]! + canon(o[sorted[i]!]);
        return s + '}';
      }
      default:
        throw new TypeError(`a ${typeof x} has no canonical JSON form`);
    }
  };
  return canon;
}
