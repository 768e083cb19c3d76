/**
 * A compact QR Code encoder (ISO/IEC 18004): byte mode, error-correction level M, versions 1–10
 * (up to 213 bytes), which is ample for an enrollment link or code. Written here rather than added
 * as a dependency because the console (an SVG, src/ui/console/devices/QrCode.tsx) and the admin CLI
 * (terminal text, src/server/cli/qr-text.ts) need only this one small case, without a network.
 * The algorithm follows the standard step by step: data bits → Reed–Solomon blocks → interleave →
 * function patterns → zig-zag placement → the mask with the lowest penalty → format/version bits.
 */

/** Error-correction codewords per block and number of blocks, level M, index = version. */
const ECC_PER_BLOCK_M = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS_M = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const MAX_VERSION = 10;
/** Format-bits code of level M (L=1, M=0, Q=3, H=2). */
const ECL_M_BITS = 0;

/** A square of modules; `true` is dark. */
export type QrMatrix = boolean[][];

/** Modules of a version (raw, before function patterns are taken out). */
function rawDataModules(ver: number): number {
  let n = (16 * ver + 128) * ver + 64;
  if (ver >= 2) {
    const align = Math.floor(ver / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (ver >= 7) n -= 36;
  }
  return n;
}

function dataCodewords(ver: number): number {
  return Math.floor(rawDataModules(ver) / 8) - ECC_PER_BLOCK_M[ver]! * BLOCKS_M[ver]!;
}

/** GF(2^8) multiplication modulo x^8 + x^4 + x^3 + x^2 + 1. */
function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMul(result[j]!, root);
      if (j + 1 < degree) result[j] = result[j]! ^ result[j + 1]!;
    }
    root = gfMul(root, 0x02);
  }
  return result;
}

function rsRemainder(data: number[], divisor: number[]): number[] {
  const result = new Array<number>(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ result.shift()!;
    result.push(0);
    divisor.forEach((d, i) => (result[i] = result[i]! ^ gfMul(d, factor)));
  }
  return result;
}

/** The data codewords: mode 0100, count, bytes, terminator, padding 0xEC 0x11. */
function encodeData(bytes: Uint8Array, ver: number): number[] {
  const bits: number[] = [];
  const put = (val: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) bits.push((val >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, ver <= 9 ? 8 : 16);
  bytes.forEach((b) => put(b, 8));
  const capacity = dataCodewords(ver) * 8;
  // Stryker disable next-line ArithmeticOperator: zeros beyond the capacity fall outside the blocks withEcc cuts, so a longer terminator changes no codeword.
  put(0, Math.min(4, capacity - bits.length));
  // Stryker disable next-line ArithmeticOperator: byte mode always ends on a byte here (4 + 8 or 16 + 8n bits, then the 4-bit terminator, as capacity − length is 4 mod 8).
  put(0, (8 - (bits.length % 8)) % 8);
  // Stryker disable next-line EqualityOperator: a pad byte beyond the capacity falls outside the blocks withEcc cuts.
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
  const out: number[] = [];
  // Stryker disable next-line EqualityOperator: one step further adds a zero codeword beyond the capacity, outside the blocks withEcc cuts.
  for (let i = 0; i < bits.length; i += 8) out.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  return out;
}

/** Splits into blocks, appends each block's ECC, and interleaves as the standard prescribes. */
function withEcc(data: number[], ver: number): number[] {
  const numBlocks = BLOCKS_M[ver]!;
  const eccLen = ECC_PER_BLOCK_M[ver]!;
  const raw = Math.floor(rawDataModules(ver) / 8);
  const numShort = numBlocks - (raw % numBlocks);
  const shortLen = Math.floor(raw / numBlocks);
  const divisor = rsDivisor(eccLen);
  const blocks: number[][] = [];
  for (let i = 0, k = 0; i < numBlocks; i++) {
    const dat = data.slice(k, k + shortLen - eccLen + (i < numShort ? 0 : 1));
    k += dat.length;
    const ecc = rsRemainder(dat, divisor);
    if (i < numShort) dat.push(0);
    blocks.push(dat.concat(ecc));
  }
  const out: number[] = [];
  for (let i = 0; i < blocks[0]!.length; i++) {
    blocks.forEach((b, j) => {
      // The padding cell of the short blocks is not transmitted.
      if (i !== shortLen - eccLen || j >= numShort) out.push(b[i]!);
    });
  }
  return out;
}

function alignmentPositions(ver: number): number[] {
  if (ver === 1) return [];
  const n = Math.floor(ver / 7) + 2;
  const step = Math.ceil((ver * 4 + 4) / (n * 2 - 2)) * 2;
  const result = [6];
  for (let pos = ver * 4 + 10; result.length < n; pos -= step) result.splice(1, 0, pos);
  return result;
}

interface Grid {
  size: number;
  dark: boolean[][];
  fixed: boolean[][];
}

function setFn(g: Grid, x: number, y: number, dark: boolean): void {
  g.dark[y]![x] = dark;
  g.fixed[y]![x] = true;
}

function drawFunctionPatterns(g: Grid, ver: number): void {
  const { size } = g;
  for (let i = 0; i < size; i++) {
    setFn(g, 6, i, i % 2 === 0);
    setFn(g, i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++)
      for (let dx = -4; dx <= 4; dx++) {
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) setFn(g, x, y, d !== 2 && d !== 4);
      }
  }
  const pos = alignmentPositions(ver);
  pos.forEach((ay, i) =>
    pos.forEach((ax, j) => {
      const corner = (i === 0 && j === 0) || (i === 0 && j === pos.length - 1) || (i === pos.length - 1 && j === 0);
      if (corner) return;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) setFn(g, ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }),
  );
  drawFormatBits(g, 0); // reserves the format area; redrawn with the chosen mask
  if (ver >= 7) {
    let rem = ver;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (ver << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const bit = ((bits >>> i) & 1) !== 0;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      setFn(g, a, b, bit);
      setFn(g, b, a, bit);
    }
  }
}

function drawFormatBits(g: Grid, mask: number): void {
  const data = (ECL_M_BITS << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  const bit = (i: number) => ((bits >>> i) & 1) !== 0;
  const { size } = g;
  for (let i = 0; i <= 5; i++) setFn(g, 8, i, bit(i));
  setFn(g, 8, 7, bit(6));
  setFn(g, 8, 8, bit(7));
  setFn(g, 7, 8, bit(8));
  for (let i = 9; i < 15; i++) setFn(g, 14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) setFn(g, size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) setFn(g, 8, size - 15 + i, bit(i));
  setFn(g, 8, size - 8, true); // the dark module
}

function drawCodewords(g: Grid, codewords: number[]): void {
  const { size } = g;
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // skip the vertical timing pattern
    for (let vert = 0; vert < size; vert++)
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (!g.fixed[y]![x] && i < codewords.length * 8) {
          g.dark[y]![x] = ((codewords[i >>> 3]! >>> (7 - (i & 7))) & 1) !== 0;
          i++;
        }
      }
  }
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

function applyMask(g: Grid, mask: number): void {
  for (let y = 0; y < g.size; y++) for (let x = 0; x < g.size; x++) if (!g.fixed[y]![x] && MASKS[mask]!(x, y)) g.dark[y]![x] = !g.dark[y]![x];
}

/** Penalty rules 1 (runs), 2 (2×2 blocks) and 4 (balance); any mask decodes, this only aids scanners. */
function penalty(m: boolean[][]): number {
  const size = m.length;
  let score = 0;
  let darkCount = 0;
  for (let a = 0; a < size; a++) {
    let rowRun = 1;
    let colRun = 1;
    for (let b = 1; b < size; b++) {
      rowRun = m[a]![b] === m[a]![b - 1] ? rowRun + 1 : 1;
      colRun = m[b]![a] === m[b - 1]![a] ? colRun + 1 : 1;
      if (rowRun === 5) score += 3;
      else if (rowRun > 5) score += 1;
      if (colRun === 5) score += 3;
      else if (colRun > 5) score += 1;
    }
  }
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      if (m[y]![x]) darkCount++;
      if (x + 1 < size && y + 1 < size) {
        const c = m[y]![x];
        if (c === m[y]![x + 1] && c === m[y + 1]![x] && c === m[y + 1]![x + 1]) score += 3;
      }
    }
  const total = size * size;
  score += (Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1) * 10;
  return score;
}

/** Encodes text (UTF-8) as a QR matrix at level M; throws when it needs more than version 10. */
export function encodeQr(text: string): QrMatrix {
  const bytes = new TextEncoder().encode(text);
  let ver = 1;
  // 4 mode bits + count bits + data must fit. (Never exactly: that is 4 mod 8 bits, the capacity whole bytes.)
  // Stryker disable next-line EqualityOperator,ConditionalExpression: > and >= agree (see above); past version 10 the table has no capacity, so the loop stops at 11 either way.
  while (ver <= MAX_VERSION && 4 + (ver <= 9 ? 8 : 16) + bytes.length * 8 > dataCodewords(ver) * 8) ver++;
  if (ver > MAX_VERSION) throw new RangeError(`text too long for a QR code here (${bytes.length} bytes)`);
  const size = ver * 4 + 17;
  const grid = (): Grid => ({
    size,
    dark: Array.from({ length: size }, () => new Array<boolean>(size).fill(false)),
    fixed: Array.from({ length: size }, () => new Array<boolean>(size).fill(false)),
  });
  const codewords = withEcc(encodeData(bytes, ver), ver);
  let best: QrMatrix | null = null;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const g = grid();
    drawFunctionPatterns(g, ver);
    drawCodewords(g, codewords);
    applyMask(g, mask);
    drawFormatBits(g, mask);
    const s = penalty(g.dark);
    if (s < bestScore) {
      best = g.dark;
      bestScore = s;
    }
  }
  return best!;
}

/** One SVG path of the dark modules, with a 4-module quiet zone (viewBox units are modules). */
export function qrPath(m: QrMatrix, quiet = 4): string {
  let d = '';
  m.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x + quiet},${y + quiet}h1v1h-1z`;
    }),
  );
  return d;
}
