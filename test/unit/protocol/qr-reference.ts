import QRCode from 'qrcode';

/**
 * The two references the QR encoder's tests compare it with: the standard's penalty rules 1 (a run
 * of five same-coloured modules in a row or column scores 3, each module beyond five 1 more), 2 (3
 * per 2×2 block of one colour) and 4 (10 per full 5 % step the dark share is away from 50 %, after
 * the first), written out from ISO/IEC 18004 §7.8.3 (rule 3 is not applied, as the encoder
 * documents), and node-qrcode's symbol for a text with a given mask.
 */
export function specPenalty(m: boolean[][]): number {
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
  const deviation = Math.abs((dark * 100) / (n * n) - 50); // percent away from half dark
  return score + 10 * Math.max(0, Math.ceil(deviation / 5) - 1);
}

export const MASK_PATTERNS = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/** The symbol node-qrcode (byte mode, level M) draws for the text with the given mask. */
export function reference(text: string, maskPattern: (typeof MASK_PATTERNS)[number]): boolean[][] {
  const symbol = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern });
  const size = symbol.modules.size;
  return Array.from({ length: size }, (_, y) => Array.from({ length: size }, (_, x) => symbol.modules.get(y, x) === 1));
}
