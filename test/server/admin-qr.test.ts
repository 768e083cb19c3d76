import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { enrollmentQrText, qrText } from '../../src/server/cli/qr-text';
import { encodeQr } from '../../src/protocol/qr';

/** Reads terminal text back into an RGBA image (light = white), 4 pixels per module, and decodes it. */
function decodeText(text: string): string | null {
  const lines = text.split('\n');
  const width = [...lines[0]!].length;
  const rows: boolean[][] = []; // true = light
  for (const line of lines) {
    const chars = [...line];
    expect(chars).toHaveLength(width);
    rows.push(chars.map((c) => c === '█' || c === '▀'));
    rows.push(chars.map((c) => c === '█' || c === '▄'));
  }
  const scale = 4;
  const w = width * scale;
  const h = rows.length * scale;
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = rows[Math.floor(y / scale)]![Math.floor(x / scale)] ? 255 : 0;
      data.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return jsQR(data, w, h)?.data ?? null;
}

describe('the admin CLI prints the enrollment code as a QR code a tablet can scan', () => {
  it('decodes to the code itself', () => {
    for (const code of ['ABCD-EFGH-JKLM-NPQR', 'X7K2-9QWE-PL3M-ZZ88-4TTY']) expect(decodeText(enrollmentQrText(code))).toBe(code);
  });

  it('draws light modules and the quiet zone, two module rows per line', () => {
    const m = encodeQr('ABCD');
    const text = qrText(m, 2);
    const lines = text.split('\n');
    expect(lines).toHaveLength(Math.ceil((m.length + 4) / 2));
    expect(lines.every((l) => [...l].length === m.length + 4)).toBe(true);
    expect(lines[0]).toBe('█'.repeat(m.length + 4)); // the quiet zone
    expect(lines[1]!.startsWith('██ ▄▄▄▄▄ ')).toBe(true); // quiet zone, then the top-left finder's dark ring over its light one
  });
});
