import type { Page } from 'playwright-core';

// Test photos: a real JPEG drawn by the browser's own encoder, with an APP1 Exif segment spliced in
// right after SOI, so the app's EXIF stripping meets what a tablet camera writes (maker, GPS …).

/** The maker string written into the test photo's EXIF; it must not survive in the stored photo. */
export const EXIF_MARKER = 'PingyiTestCam';

/** An APP1 'Exif\0\0' segment: big-endian TIFF header and IFD0 with one ASCII Make entry. */
export function exifSegment(make = EXIF_MARKER): Uint8Array {
  const value = new TextEncoder().encode(make + '\0');
  const tiff: number[] = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]; // 'MM', 42, IFD0 at offset 8
  const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
  const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const valueOffset = 8 + 2 + 12 + 4;
  tiff.push(...u16(1), ...u16(0x010f), ...u16(2), ...u32(value.length), ...u32(valueOffset), ...u32(0), ...value);
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]; // 'Exif\0\0' + TIFF
  return Uint8Array.from([0xff, 0xe1, ...u16(payload.length + 2), ...payload]);
}

/** Splices an APP1 segment in after the SOI marker of a JPEG. */
export function withExif(jpeg: Uint8Array, app1: Uint8Array = exifSegment()): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG (no SOI)');
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}

/** The markers of the JPEG's header segments (up to SOS), e.g. [0xe0, 0xe1, 0xdb, …]. */
export function headerSegments(jpeg: Uint8Array): { marker: number; start: number; length: number }[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG (no SOI)');
  const out: { marker: number; start: number; length: number }[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) throw new Error(`bad JPEG segment at byte ${i}`);
    const marker = jpeg[i + 1]!;
    const length = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    out.push({ marker, start: i, length });
    if (marker === 0xda) break; // SOS: entropy-coded data follows
    i += 2 + length;
  }
  return out;
}

/** True when the JPEG carries an APP1 segment holding Exif. */
export function hasExif(jpeg: Uint8Array): boolean {
  return headerSegments(jpeg).some(({ marker, start }) => {
    if (marker !== 0xe1) return false;
    const id = jpeg.subarray(start + 4, start + 10);
    return String.fromCharCode(...id) === 'Exif\0\0';
  });
}

/** Draws a photo-like picture in the page and returns the browser's JPEG bytes (with EXIF added). */
export async function makePhoto(page: Page, width = 1600, height = 1200): Promise<Uint8Array> {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w!, h!);
      const g = canvas.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, w!, h!);
      grad.addColorStop(0, '#3a6ea5');
      grad.addColorStop(1, '#f2c14e');
      g.fillStyle = grad;
      g.fillRect(0, 0, w!, h!);
      g.fillStyle = '#222';
      g.font = '96px sans-serif';
      g.fillText('窗口 现场', 80, 200);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    [width, height] as const,
  );
  return withExif(Uint8Array.from(bytes));
}
