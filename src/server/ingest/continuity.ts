/** What the server holds for a device decides what a chain-valid batch means (PROTOCOL "Continuity"). */
export type Continuity =
  | { kind: 'append'; skip: number }
  | { kind: 'duplicate' }
  | { kind: 'gap'; expectedSeq: number }
  | { kind: 'conflict'; index: number; seq: number; storedHash: string };

/**
 * @param head highest seq stored for the device (0 when none)
 * @param stored stored hashes by seq for the batch's seqs up to head
 * @param hashes the batch's record hashes, for seqs fromSeq, fromSeq+1, …
 */
export function continuity(head: number, fromSeq: number, hashes: string[], stored: Map<number, string>): Continuity {
  const toSeq = fromSeq + hashes.length - 1;
  if (fromSeq > head + 1) return { kind: 'gap', expectedSeq: head + 1 };
  // Every overlapping record must be the one stored; the first difference is the equivocation.
  const overlap = Math.min(toSeq, head) - fromSeq + 1;
  for (let i = 0; i < overlap; i++) {
    const storedHash = stored.get(fromSeq + i);
    if (storedHash === undefined) throw new Error(`device chain has no record at seq ${fromSeq + i} below its head ${head}`);
    if (storedHash !== hashes[i]) return { kind: 'conflict', index: i, seq: fromSeq + i, storedHash };
  }
  return toSeq <= head ? { kind: 'duplicate' } : { kind: 'append', skip: overlap };
}
