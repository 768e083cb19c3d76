import { inflateSync } from 'node:zlib';

// The text of a PDF as Chromium (Skia) writes it, page by page, for tests: no PDF tool is installed
// here. Enough of the format for that writer: numbered objects, Flate streams, a page tree, Type0
// fonts with a ToUnicode CMap (bfchar, bfrange), the text operators Tf, Tj, TJ, ' and ", and marked
// content spans with /ActualText (which Skia writes for glyphs its font cannot map, such as the
// .notdef of a missing CJK font). A glyph nothing maps is U+FFFD.

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.search(/\bstream\r?\n/);
    if (s < 0) out.set(Number(m[1]), { dict: body });
    else {
      const dict = body.slice(0, s);
      const dataStart = start + s + (body.slice(s).startsWith('stream\r\n') ? 8 : 7);
      const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict);
      const dataEnd = length ? dataStart + Number(length[1]) : text.lastIndexOf('endstream', end);
      const raw = pdf.subarray(dataStart, dataEnd);
      out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    }
    re.lastIndex = end;
  }
  return out;
}

/** The dictionary text after `/key` up to its matching `>>` (inline), or the dictionary of the object it refers to. */
function subDict(objs: Map<number, PdfObject>, dict: string, key: string): string {
  const at = dict.indexOf(`/${key}`);
  if (at < 0) return '';
  const rest = dict.slice(at + key.length + 1).trimStart();
  const ref = /^(\d+) 0 R/.exec(rest);
  if (ref) return objs.get(Number(ref[1]))?.dict ?? '';
  if (!rest.startsWith('<<')) return '';
  let depth = 0;
  for (let i = 0; i < rest.length - 1; i++) {
    if (rest.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (rest.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return rest.slice(0, i + 1);
    }
  }
  return rest;
}

const utf16be = (hex: string) => {
  const b = Buffer.from(hex, 'hex');
  const from = b[0] === 0xfe && b[1] === 0xff ? 2 : 0;
  return b.subarray(from).swap16().toString('utf16le');
};

/** Code → text of a ToUnicode CMap. */
function cmap(source: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16be(m[2]!));
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(lo + i, utf16be(d[1]!)));
      else {
        const first = Buffer.from(m[3]!.slice(1, -1), 'hex');
        for (let c = lo; c <= hi; c++) {
          const b = Buffer.from(first);
          b.writeUInt16BE(b.readUInt16BE(b.length - 2) + (c - lo), b.length - 2);
          map.set(c, b.swap16().toString('utf16le'));
        }
      }
    }
  return map;
}

/** Tokens of a content stream: names, numbers, strings (as bytes), arrays, inline dictionaries, operators. */
type Token = { kind: 'op' | 'name' | 'num'; value: string } | { kind: 'str'; bytes: Buffer } | { kind: 'arr'; items: Token[] } | { kind: 'dict'; text: string };

function tokens(src: string): Token[] {
  let i = 0;
  function one(): Token | null {
    while (i < src.length && /\s/.test(src[i]!)) i++;
    if (i >= src.length) return null;
    const c = src[i]!;
    if (c === '%') {
      while (i < src.length && src[i] !== '\n') i++;
      return one();
    }
    if (c === '/') {
      const m = /^\/[^\s/[\]()<>{}%]*/.exec(src.slice(i))!;
      i += m[0].length;
      return { kind: 'name', value: m[0].slice(1) };
    }
    if (src.startsWith('<<', i)) {
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src.startsWith('<<', i)) {
          depth++;
          i++;
        } else if (src.startsWith('>>', i)) {
          i++;
          if (--depth === 0) break;
        }
      }
      i++;
      return { kind: 'dict', text: src.slice(start, i) };
    }
    if (c === '<') {
      const end = src.indexOf('>', i);
      const hex = src.slice(i + 1, end).replace(/\s/g, '');
      i = end + 1;
      return { kind: 'str', bytes: Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex') };
    }
    if (c === '(') {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      while (i < src.length) {
        const ch = src[i++]!;
        if (ch === '\\') {
          const e = src[i++]!;
          const oct = /^[0-7]{1,3}/.exec(src.slice(i - 1));
          if (oct) {
            bytes.push(parseInt(oct[0], 8));
            i += oct[0].length - 1;
          } else bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[e] ?? e.charCodeAt(0));
        } else if (ch === '(') {
          depth++;
          bytes.push(40);
        } else if (ch === ')') {
          if (--depth === 0) break;
          bytes.push(41);
        } else bytes.push(ch.charCodeAt(0));
      }
      return { kind: 'str', bytes: Buffer.from(bytes) };
    }
    if (c === '[') {
      i++;
      const items: Token[] = [];
      for (;;) {
        while (i < src.length && /\s/.test(src[i]!)) i++;
        if (src[i] === ']' || i >= src.length) {
          i++;
          return { kind: 'arr', items };
        }
        const t = one();
        if (t) items.push(t);
      }
    }
    const m = /^[^\s/[\]()<>{}%]+/.exec(src.slice(i, i + 64));
    const word = m ? m[0] : c;
    i += word.length;
    return { kind: /^[-+.\d]+$/.test(word) ? 'num' : 'op', value: word };
  }
  const out: Token[] = [];
  for (let t = one(); t; t = one()) out.push(t);
  return out;
}

/** Page dictionaries in reading order, following the page tree from the catalog. */
function pages(objs: Map<number, PdfObject>): string[] {
  const root = [...objs.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict));
  const rootRef = root && /\/Pages (\d+) 0 R/.exec(root.dict);
  const out: string[] = [];
  const walk = (n: number) => {
    const o = objs.get(n);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else out.push(o.dict);
  };
  if (rootRef) walk(Number(rootRef[1]));
  return out;
}

/** The text of each page of `pdf`, glyph by glyph in the order drawn (no spaces are invented). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objs = objects(pdf);
  return pages(objs).map((page) => {
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = subDict(objs, subDict(objs, page, 'Resources'), 'Font');
    for (const f of fontDict.matchAll(/\/([^\s/<>[\]]+)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(f[2]))?.dict ?? '';
      const tu = /\/ToUnicode (\d+) 0 R/.exec(font);
      const stream = tu && objs.get(Number(tu[1]))?.stream;
      fonts.set(f[1]!, stream ? cmap(stream.toString('latin1')) : new Map());
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '';
    const src = [...contents.matchAll(/(\d+) 0 R/g)].map((r) => objs.get(Number(r[1]))?.stream?.toString('latin1') ?? '').join('\n');
    let font = new Map<number, string>();
    let text = '';
    const spans: { actual: string | null }[] = [];
    const show = (bytes: Buffer) => {
      if (spans.some((s) => s.actual !== null)) return;
      for (let k = 0; k + 1 < bytes.length; k += 2) text += font.get(bytes.readUInt16BE(k)) ?? '\uFFFD';
    };
    const operands: Token[] = [];
    for (const t of tokens(src)) {
      if (t.kind !== 'op') {
        operands.push(t);
        continue;
      }
      const last = operands.at(-1);
      switch (t.value) {
        case 'Tf': {
          const name = operands.at(-2);
          if (name?.kind === 'name') font = fonts.get(name.value) ?? new Map();
          break;
        }
        case 'Tj':
        case "'":
        case '"':
          if (last?.kind === 'str') show(last.bytes);
          break;
        case 'TJ':
          if (last?.kind === 'arr') for (const it of last.items) if (it.kind === 'str') show(it.bytes);
          break;
        case 'BDC':
        case 'BMC': {
          const props = last?.kind === 'dict' ? last.text : '';
          const hex = /\/ActualText\s*<([0-9a-fA-F\s]*)>/.exec(props);
          const lit = hex ? null : /\/ActualText\s*\(((?:\\.|[^\\)])*)\)/.exec(props);
          const actual = hex ? utf16be(hex[1]!.replace(/\s/g, '')) : lit ? lit[1]! : null;
          if (actual !== null && !spans.some((s) => s.actual !== null)) text += actual;
          spans.push({ actual });
          break;
        }
        case 'EMC':
          spans.pop();
          break;
      }
      operands.length = 0;
    }
    return text;
  });
}
