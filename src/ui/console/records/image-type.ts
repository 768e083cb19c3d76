/** The only types the console shows as images: recognised from the bytes, never from a declared mime. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/**
 * JPEG (FF D8 FF), PNG (its 8-byte signature) or WebP (RIFF …. WEBP) by magic bytes, else null.
 * An SVG, HTML or anything else a browser could run as a document is never an image here.
 */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0x52, 0x49, 0x46, 0x46]) && starts(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}
