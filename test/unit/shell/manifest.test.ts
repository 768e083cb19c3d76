// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pub = new URL('../../../public/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p.replace(/^\//, ''), pub));

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(buf: Buffer): [number, number] {
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

describe('web app manifest', () => {
  const m = JSON.parse(read('manifest.webmanifest').toString('utf8')) as {
    name: string;
    short_name: string;
    lang: string;
    display: string;
    start_url: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };

  it('names the app and opens it standalone at /', () => {
    expect(m.name).toBe('评议通');
    expect(m.short_name).toBeTruthy();
    expect(m.lang).toBe('zh-CN');
    expect(m.display).toBe('standalone');
    expect(m.start_url).toBe('/');
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('lists real PNG icons of the sizes it claims, maskable ones included, and an SVG', () => {
    for (const icon of m.icons) {
      if (icon.type === 'image/svg+xml') {
        expect(read(icon.src).toString('utf8')).toContain('<svg');
        continue;
      }
      const [w, h] = pngSize(read(icon.src));
      expect(`${w}x${h}`).toBe(icon.sizes);
    }
    const sizes = (purpose: string) => m.icons.filter((i) => i.purpose === purpose).map((i) => i.sizes);
    expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(sizes('maskable')).toEqual(expect.arrayContaining(['512x512']));
    expect(pngSize(read('/icons/apple-touch-icon.png'))).toEqual([180, 180]);
  });

  it('is linked from index.html with the apple-touch-icon', () => {
    const html = readFileSync(new URL('../../../index.html', import.meta.url), 'utf8');
    expect(html).toContain('rel="manifest" href="/manifest.webmanifest"');
    expect(html).toContain('rel="apple-touch-icon" href="/icons/apple-touch-icon.png"');
  });
});
