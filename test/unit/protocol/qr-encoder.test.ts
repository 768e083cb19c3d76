// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MASK_PATTERNS, reference, specPenalty } from './qr-reference';
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
      const candidates = MASK_PATTERNS.map((mask) => reference(text, mask));
      const scores = candidates.map(specPenalty);
      const best = scores.indexOf(Math.min(...scores));
      expect(encodeQr(text), text).toEqual(candidates[best]);
    }
  });

  it('meets a tie among the candidates in these texts, so the tie rule is exercised', () => {
    const tied = texts.some((text) => {
      const scores = MASK_PATTERNS.map((mask) => specPenalty(reference(text, mask)));
      const min = Math.min(...scores);
      return scores.filter((s) => s === min).length > 1;
    });
    expect(tied).toBe(true);
  });
});

describe('QR version choice at the capacities of level M', () => {
  // Bytes a symbol of each version 1–10 holds at level M in byte mode (ISO/IEC 18004, table 7).
  const CAPACITY = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];
  const text = (n: number) => Array.from({ length: n }, (_, k) => String.fromCharCode(48 + ((k * 7) % 43))).join('');

  it('uses version v for a text of exactly its capacity and the next one for a byte more', () => {
    CAPACITY.forEach((bytes, i) => {
      expect(encodeQr(text(bytes)).length, `${bytes} bytes`).toBe((i + 1) * 4 + 17);
      if (i + 1 < CAPACITY.length) expect(encodeQr(text(bytes + 1)).length, `${bytes + 1} bytes`).toBe((i + 2) * 4 + 17);
    });
  });

  it('draws a full symbol as the reference encoder does: the data fills it with no padding left', () => {
    for (const bytes of CAPACITY) {
      const ours = encodeQr(text(bytes));
      expect(
        MASK_PATTERNS.some((mask) => JSON.stringify(reference(text(bytes), mask)) === JSON.stringify(ours)),
        `${bytes} bytes`,
      ).toBe(true);
    }
  });

  it('refuses a text beyond version 10, saying how long it is', () => {
    expect(() => encodeQr(text(214))).toThrow(new RangeError('text too long for a QR code here (214 bytes)'));
  });
});
