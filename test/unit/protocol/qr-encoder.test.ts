// @vitest-environment node
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { encodeQr, qrPath } from '../../../src/protocol/qr';

// The SVG path of a QR matrix (one unit square per dark module, shifted by the quiet zone) and the
// shape of the matrix the encoder returns (a square of booleans, ver × 4 + 17 modules a side).

describe('QR SVG path', () => {
  it('draws one unit square per dark module at its column and row plus the 4-module quiet zone', () => {
    const m = [
      [true, false, false],
      [false, false, true],
      [false, true, false],
    ];
    expect(qrPath(m)).toBe('M4,4h1v1h-1zM6,5h1v1h-1zM5,6h1v1h-1z');
  });

  it('takes another quiet zone, none included, and draws nothing for a light matrix', () => {
    const m = [
      [false, true],
      [true, false],
    ];
    expect(qrPath(m, 0)).toBe('M1,0h1v1h-1zM0,1h1v1h-1z');
    expect(qrPath(m, 2)).toBe('M3,2h1v1h-1zM2,3h1v1h-1z');
    expect(qrPath([[false]])).toBe('');
  });
});

describe('QR matrix shape', () => {
  it('is a square of exactly size booleans per row, with no other members, for every version', () => {
    for (const n of [1, 20, 40, 60, 80, 100, 120, 150, 175, 210]) {
      const m = encodeQr('q'.repeat(n));
      const size = m.length;
      expect((size - 17) % 4, `length ${n}`).toBe(0);
      for (const row of m) {
        expect(Object.keys(row), `length ${n}`).toEqual(Array.from({ length: size }, (_, i) => String(i)));
        expect(row.every((c) => typeof c === 'boolean')).toBe(true);
      }
    }
  });

  it('places the three finder patterns in the corners: a dark ring, a light ring, a dark 3×3 core', () => {
    const m = encodeQr('K7QX-29MD');
    const size = m.length;
    for (const [ox, oy] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ] as const) {
      for (let dy = 0; dy < 7; dy++)
        for (let dx = 0; dx < 7; dx++) {
          const d = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
          expect(m[oy + dy]![ox + dx], `${ox + dx},${oy + dy}`).toBe(d !== 2);
        }
    }
  });
});

/**
 * Penalty rules 1 (a run of five same-coloured modules in a row or column scores 3, each module
 * beyond five 1 more), 2 (3 per 2×2 block of one colour) and 4 (10 per full 5 % step the dark share
 * is away from 50 %, after the first), as ISO/IEC 18004 §7.8.3 states them.
 */
function specPenalty(m: boolean[][]): number {
  const n = m.length;
  let score = 0;
  const runs = (cell: (i: number) => boolean) => {
    let run = 1;
    for (let i = 1; i <= n; i++) {
      if (i < n && cell(i) === cell(i - 1)) run++;
      else {
        if (run >= 5) score += 3 + (run - 5);
        run = 1;
      }
    }
  };
  for (let a = 0; a < n; a++) {
    runs((i) => m[a]![i]!);
    runs((i) => m[i]![a]!);
  }
  for (let y = 0; y + 1 < n; y++)
    for (let x = 0; x + 1 < n; x++) {
      const c = m[y]![x];
      if (c === m[y]![x + 1] && c === m[y + 1]![x] && c === m[y + 1]![x + 1]) score += 3;
    }
  const dark = m.flat().filter(Boolean).length;
  const deviation = Math.abs((dark * 100) / (n * n) - 50);
  return score + 10 * Math.max(0, Math.ceil(deviation / 5) - 1);
}

const MASKS = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/** The symbol node-qrcode (byte mode, level M) draws for the text with the given mask. */
function reference(text: string, maskPattern: (typeof MASKS)[number]): boolean[][] {
  const symbol = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern });
  const size = symbol.modules.size;
  return Array.from({ length: size }, (_, y) => Array.from({ length: size }, (_, x) => symbol.modules.get(y, x) === 1));
}

/** Printable ASCII texts of 1–213 bytes from a fixed recipe: the i-th has length 1 + 7919·i mod 213. */
function sampleText(i: number): string {
  const len = 1 + ((i * 7919) % 213);
  return Array.from({ length: len }, (_, k) => String.fromCharCode(33 + ((i * 131 + k * 29 + ((k * k * i) % 17)) % 90))).join('');
}

describe('QR mask choice', () => {
  // Texts whose eight candidate symbols have penalties close enough that weighing a run, a block,
  // the balance or a tie otherwise picks another mask.
  const texts = [1, 2, 3, 7, 8, 9, 38, 58, 68, 362].map(sampleText);

  it('picks the candidate with the lowest penalty under rules 1, 2 and 4, the lowest mask number on a tie', () => {
    for (const text of texts) {
      const candidates = MASKS.map((mask) => reference(text, mask));
      const scores = candidates.map(specPenalty);
      const best = scores.indexOf(Math.min(...scores));
      expect(encodeQr(text), text).toEqual(candidates[best]);
    }
  });

  it('meets a tie among the candidates in these texts, so the tie rule is exercised', () => {
    const tied = texts.some((text) => {
      const scores = MASKS.map((mask) => specPenalty(reference(text, mask)));
      const min = Math.min(...scores);
      return scores.filter((s) => s === min).length > 1;
    });
    expect(tied).toBe(true);
  });
});
