import { emptyRoot, subtreeRoot } from '../../../protocol/merkle';
import { nodeSha256 } from '../../hashing';

/**
 * The export's leaf hashes by log index, packed: 32 bytes a position in one buffer below the log
 * size the export's header states (a Buffer object each would cost several times the hash), and
 * any other position (beyond that size, far ahead of the others, or read before the header) in a
 * Map, as a file that is not what it says it is may give them.
 */
export class LeafHashes {
  private packed = new Uint8Array(0);
  private present = new Uint8Array(0);
  private readonly other = new Map<number, Uint8Array>();
  /** The highest position given, plus one (0 when none). */
  length = 0;

  /** `limit`: the positions that are packed, below the size the header states. */
  constructor(private readonly limit: () => number) {}

  /** Sets the leaf at `idx`; true when the position was given before. */
  set(idx: number, leaf: Uint8Array): boolean {
    this.length = Math.max(this.length, idx + 1);
    // Packed: positions below the stated size that come about in order (the buffer doubles as they
    // do); a position far ahead of the others waits in the Map rather than allocate the gap.
    const packable = Number.isSafeInteger(idx) && idx >= 0 && idx < this.limit() && idx <= 2 * this.present.length + 1024 && leaf.length === 32;
    if (!packable) {
      const had = this.get(idx) !== undefined;
      if (idx >= 0 && idx < this.present.length) this.present[idx] = 0;
      this.other.set(idx, leaf);
      return had;
    }
    if (idx >= this.present.length) this.grow(Math.min(this.limit(), Math.max(idx + 1, this.present.length * 2, 1024)));
    const had = this.present[idx] === 1 || this.other.has(idx);
    this.other.delete(idx);
    this.packed.set(leaf, idx * 32);
    this.present[idx] = 1;
    return had;
  }

  /** The leaf at `idx` (a view of the buffer), undefined for a hole. */
  get(idx: number): Uint8Array | undefined {
    if (idx >= 0 && idx < this.present.length && this.present[idx] === 1) return this.packed.subarray(idx * 32, idx * 32 + 32);
    return this.other.get(idx);
  }

  /** The RFC 6962 root of the first `size` leaves, undefined when one of them is missing. */
  root(size: number): Uint8Array | undefined {
    for (let i = 0; i < size; i++) if (this.get(i) === undefined) return undefined;
    return size === 0 ? emptyRoot(nodeSha256) : subtreeRoot(0, size, (i) => this.get(i)!, nodeSha256);
  }

  private grow(capacity: number): void {
    const packed = new Uint8Array(capacity * 32);
    packed.set(this.packed);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.packed = packed;
    this.present = present;
  }
}
