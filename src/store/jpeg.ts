/**
 * Byte-level JPEG segment handling. Re-encoding a photo through a canvas already drops its EXIF
 * block (camera model, time, GPS position of an inspector's covert visit); this is the second line
 * of defence: whatever an encoder might write, only the segments needed to show the picture are kept.
 */

export interface JpegSegment {
  /** The marker's second byte, e.g. 0xe1 for APP1. */
  marker: number;
  /** Offset of the 0xff of the marker. */
  offset: number;
  /** Whole segment length in bytes, marker included (for SOS: header and entropy-coded data). */
  length: number;
}

export class JpegFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JpegFormatError';
  }
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const COM = 0xfe;

/** Markers that stand alone, without a length field. */
function standalone(m: number): boolean {
  return m === SOI || m === EOI || m === 0x01 || (m >= 0xd0 && m <= 0xd7);
}

/** Splits a JPEG into its segments, up to and including EOI. Throws JpegFormatError on bad bytes. */
export function jpegSegments(bytes: Uint8Array): JpegSegment[] {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw new JpegFormatError('not a JPEG (no SOI marker)');
  const out: JpegSegment[] = [{ marker: SOI, offset: 0, length: 2 }];
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new JpegFormatError(`expected a marker at byte ${i}`);
    while (bytes[i + 1] === 0xff) i++; // fill bytes before a marker
    const marker = bytes[i + 1];
    if (marker === undefined) throw new JpegFormatError('truncated marker');
    if (marker === EOI) {
      out.push({ marker, offset: i, length: 2 });
      return out;
    }
    if (standalone(marker)) {
      out.push({ marker, offset: i, length: 2 });
      i += 2;
      continue;
    }
    if (i + 3 >= bytes.length) throw new JpegFormatError('truncated segment length');
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (len < 2 || i + 2 + len > bytes.length) throw new JpegFormatError(`bad length of segment 0xff${marker.toString(16)}`);
    let end = i + 2 + len;
    if (marker === SOS) end = scanEnd(bytes, end);
    out.push({ marker, offset: i, length: end - i });
    i = end;
  }
  throw new JpegFormatError('no EOI marker');
}

/** End of entropy-coded data: the next marker that is not a stuffed 0xff00 or a restart marker. */
function scanEnd(bytes: Uint8Array, from: number): number {
  for (let j = from; j < bytes.length - 1; j++) {
    if (bytes[j] !== 0xff) continue;
    const next = bytes[j + 1]!;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return j;
  }
  throw new JpegFormatError('entropy-coded data runs past the end');
}

/** True for segments that carry metadata rather than picture: APP1…APP15 (Exif, XMP, ICC, …) and COM. */
export function isMetadataSegment(marker: number): boolean {
  return (marker > APP0 && marker <= 0xef) || marker === COM;
}

/** True when the JPEG holds an APP1 segment that starts with the Exif identifier. */
export function hasExif(bytes: Uint8Array): boolean {
  return jpegSegments(bytes).some((s) => s.marker === 0xe1 && startsWith(bytes, s.offset + 4, 'Exif\0\0'));
}

/** True when any metadata segment (see isMetadataSegment) is left. */
export function hasMetadata(bytes: Uint8Array): boolean {
  return jpegSegments(bytes).some((s) => isMetadataSegment(s.marker));
}

function startsWith(bytes: Uint8Array, at: number, ascii: string): boolean {
  for (let k = 0; k < ascii.length; k++) if (bytes[at + k] !== ascii.charCodeAt(k)) return false;
  return true;
}

/**
 * The same JPEG without metadata segments (APP1–APP15, COM) and without anything after EOI
 * (where some tools append data). APP0/JFIF stays: it only says how to read the pixels.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  const keep = jpegSegments(bytes).filter((s) => !isMetadataSegment(s.marker));
  const size = keep.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const s of keep) {
    out.set(bytes.subarray(s.offset, s.offset + s.length), at);
    at += s.length;
  }
  return out;
}
