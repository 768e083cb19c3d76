// Draws the app icons into public/icons: `npx tsx src/pwa/make-icons.ts`. Not part of the app
// bundle. The PNGs are rendered from the same geometry as icon.svg (a speech bubble with a check:
// an appraisal given), with 4×4 supersampling for smooth edges, and written with zlib.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type RGB = [number, number, number];
const PRIMARY: RGB = [0x1a, 0x4f, 0x8b];
const WHITE: RGB = [255, 255, 255];

/** Geometry on a 512 grid, shared with the SVG. */
const G = {
  bubble: { x0: 112, y0: 120, x1: 400, y1: 330, r: 46 },
  tail: [
    [170, 310],
    [170, 410],
    [262, 326],
  ] as [number, number][],
  check: [
    [184, 226],
    [236, 278],
    [332, 182],
  ] as [number, number][],
  checkWidth: 34,
};

function inRoundRect(x: number, y: number, b: typeof G.bubble): boolean {
  const cx = Math.min(Math.max(x, b.x0 + b.r), b.x1 - b.r);
  const cy = Math.min(Math.max(y, b.y0 + b.r), b.y1 - b.r);
  return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1 && (x - cx) ** 2 + (y - cy) ** 2 <= b.r ** 2;
}

function inTriangle(x: number, y: number, [a, b, c]: [number, number][]): boolean {
  const s = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = s(a!, b!);
  const d2 = s(b!, c!);
  const d3 = s(c!, a!);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

function nearPolyline(x: number, y: number, pts: [number, number][], halfWidth: number): boolean {
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[i + 1]!;
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    if ((x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= halfWidth ** 2) return true;
  }
  return false;
}

interface Variant {
  /** Full-bleed square (maskable, apple-touch) or a rounded tile with transparent corners. */
  fullBleed: boolean;
  /** Scale of the symbol around the centre (maskable keeps it inside the 80% safe circle). */
  scale: number;
}

/** The colour and coverage at a point of the 512 grid. */
function sample(x: number, y: number, v: Variant): [RGB, number] {
  const bg = v.fullBleed || inRoundRect(x, y, { x0: 16, y0: 16, x1: 496, y1: 496, r: 112 });
  if (!bg) return [PRIMARY, 0];
  // Undo the symbol's scaling around the centre.
  const sx = 256 + (x - 256) / v.scale;
  const sy = 256 + (y - 256) / v.scale;
  if (nearPolyline(sx, sy, G.check, G.checkWidth / 2)) return [PRIMARY, 1];
  if (inRoundRect(sx, sy, G.bubble) || inTriangle(sx, sy, G.tail)) return [WHITE, 1];
  return [PRIMARY, 1];
}

function render(size: number, v: Variant): Buffer {
  const n = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const [c, cov] = sample(((px + (i + 0.5) / n) * 512) / size, ((py + (j + 0.5) / n) * 512) / size, v);
          r += c[0] * cov;
          g += c[1] * cov;
          b += c[2] * cov;
          a += cov;
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return png(size, size, raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGBA PNG from filtered scanlines. */
function png(width: number, height: number, scanlines: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg(): string {
  const b = G.bubble;
  const [t0, t1, t2] = G.tail;
  const c = G.check.map(([x, y]) => `${x} ${y}`).join(' L');
  const hex = `#${PRIMARY.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <title>评议通</title>
  <rect x="16" y="16" width="480" height="480" rx="112" fill="${hex}"/>
  <rect x="${b.x0}" y="${b.y0}" width="${b.x1 - b.x0}" height="${b.y1 - b.y0}" rx="${b.r}" fill="#fff"/>
  <path d="M${t0![0]} ${t0![1]} L${t1![0]} ${t1![1]} L${t2![0]} ${t2![1]} Z" fill="#fff"/>
  <path d="M${c}" fill="none" stroke="${hex}" stroke-width="${G.checkWidth}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
}

const out = new URL('../../public/icons/', import.meta.url);
const any: Variant = { fullBleed: false, scale: 1 };
writeFileSync(new URL('icon-192.png', out), render(192, any));
writeFileSync(new URL('icon-512.png', out), render(512, any));
writeFileSync(new URL('maskable-192.png', out), render(192, { fullBleed: true, scale: 0.8 }));
writeFileSync(new URL('maskable-512.png', out), render(512, { fullBleed: true, scale: 0.8 }));
writeFileSync(new URL('apple-touch-icon.png', out), render(180, { fullBleed: true, scale: 0.92 }));
writeFileSync(new URL('icon.svg', out), svg());
