// @vitest-environment node
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { MASK_PATTERNS, reference, specPenalty } from '../protocol/qr-reference';
import { encodeQr, qrPath, type QrMatrix } from '../../../src/protocol/qr';

/** Paints the matrix as an RGBA image (with a quiet zone) so an independent decoder can read it. */
function toImage(m: QrMatrix, scale = 4, quiet = 4): { data: Uint8ClampedArray; width: number } {
  const width = (m.length + quiet * 2) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  m.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const p = (((y + quiet) * scale + dy) * width + (x + quiet) * scale + dx) * 4;
          data[p] = data[p + 1] = data[p + 2] = 0;
        }
    }),
  );
  return { data, width };
}

function decode(text: string): string | undefined {
  const { data, width } = toImage(encodeQr(text));
  return jsQR(data, width, width)?.data;
}

describe('QR encoder', () => {
  it('encodes a short code that an independent decoder reads back', () => {
    expect(decode('K7QX-29MD')).toBe('K7QX-29MD');
  });

  it('grows the version with the text (21 modules for version 1, 57 for version 10)', () => {
    expect(encodeQr('A').length).toBe(21);
    const long = 'x'.repeat(200);
    expect(encodeQr(long).length).toBe(57);
  });

  it('reads back every version 1–10, including multi-block and version-info symbols', () => {
    // Lengths chosen to land on each version at level M (capacities 14, 26, 42, 62, 84, 106, 122, 152, 180, 213).
    for (const n of [10, 20, 40, 60, 80, 100, 120, 150, 175, 210]) {
      const text = `https://pingyi.example/#/enroll?code=${'AB12CD34'.repeat(30)}`.slice(0, n);
      expect(decode(text), `length ${n}`).toBe(text);
    }
  });

  it('keeps UTF-8 text intact', () => {
    expect(decode('评议通 注册码 K7QX')).toBe('评议通 注册码 K7QX');
  });

  it('refuses text beyond version 10 instead of drawing an unreadable symbol', () => {
    expect(() => encodeQr('x'.repeat(300))).toThrow(RangeError);
  });

  it('draws one SVG path with a square per dark module', () => {
    const m = encodeQr('A');
    const dark = m.flat().filter(Boolean).length;
    expect(qrPath(m).match(/M/g)?.length).toBe(dark);
  });
});

describe('QR encoder against an independent encoder', () => {
  // Short and long, ASCII and UTF-8, landing on every version 1–10.
  const texts = ['A', 'K7QX-29MD', '评议通 注册码 K7QX', 'https://pingyi.example/#/enroll?code=AB12CD34'];
  for (let i = 0; i < 60; i++) {
    texts.push(Array.from({ length: 1 + ((i * 37) % 210) }, (_, k) => String.fromCharCode(33 + ((i * 31 + k * 17) % 90))).join(''));
  }

  it('draws, module for module, the symbol the reference encoder draws with the same mask, each of the eight masks in some', () => {
    const chosen = new Set<number>();
    for (const text of texts) {
      const ours = encodeQr(text);
      const same = MASK_PATTERNS.filter((mask) => JSON.stringify(reference(text, mask)) === JSON.stringify(ours));
      expect(same, text).toHaveLength(1);
      chosen.add(same[0]!);
    }
    // Only a chosen mask is compared: every mask's pattern is checked in at least one symbol.
    expect([...chosen].sort()).toEqual([...MASK_PATTERNS]);
  });

  it('chooses the mask with the lowest penalty under rules 1, 2 and 4 (the first on a tie)', () => {
    for (const text of texts) {
      const candidates = MASK_PATTERNS.map((mask) => reference(text, mask));
      const scores = candidates.map(specPenalty);
      const best = scores.indexOf(Math.min(...scores));
      expect(encodeQr(text), text).toEqual(candidates[best]);
    }
  });
});
