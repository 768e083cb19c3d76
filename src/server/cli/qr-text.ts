import { encodeQr, type QrMatrix } from '../../protocol/qr';

/**
 * A QR code as terminal text, two module rows per line with half blocks. Light modules (and the
 * quiet zone) are drawn, dark ones left blank: on the usual dark terminal background the code then
 * shows dark on light, as scanners expect.
 */
export function qrText(m: QrMatrix, quiet = 2): string {
  const size = m.length + 2 * quiet;
  const light = (x: number, y: number) => {
    const row = m[y - quiet];
    return !(row?.[x - quiet] ?? false);
  };
  const lines: string[] = [];
  for (let y = 0; y < size; y += 2) {
    let line = '';
    for (let x = 0; x < size; x++) {
      const top = light(x, y);
      const bottom = y + 1 < size ? light(x, y + 1) : false;
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The enrollment code as a QR code for the terminal (the console's encoder: byte mode, level M). */
export const enrollmentQrText = (code: string): string => qrText(encodeQr(code));
