import { describe, expect, it } from 'vitest';
import { imageTypeOf } from '../../../src/ui/console/records/image-type';

const bytes = (...xs: (number | string)[]) => new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('recognising an attachment as a picture', () => {
  it('knows JPEG, PNG and WebP by their magic bytes only', () => {
    expect(imageTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(imageTypeOf(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(imageTypeOf(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses SVG, HTML, truncated signatures and other RIFF files', () => {
    for (const b of [
      bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      bytes('<!doctype html><script>alert(1)</script>'),
      bytes(0xff, 0xd8),
      bytes(0x89, 'PNG', 0x0d, 0x0a),
      bytes('RIFF', 0, 0, 0, 0, 'WAVE'),
      bytes(),
    ]) {
      expect(imageTypeOf(b)).toBeNull();
    }
  });
});
