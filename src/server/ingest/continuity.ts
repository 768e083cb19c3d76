/** What the server holds for a device decides what a chain-valid batch means (PROTOCOL "Continuity"). */
export type Continuity =
  | { kind: 'append'; skip: number }
  | { kind: 'duplicate' }
  | { kind: 'gap'; expectedSeq: number }
  /**
   * Two different records for one seq (`index` into the batch, the stored hash at `seq`), or a fork
   * at the link: the batch starts right after the head but its prevHash is not the head's hash
   * (`index` 0, `seq` = fromSeq, `storedHash` = the stored head's hash, ZERO when nothing is stored).
   */
  | { kind: 'conflict'; index: number; seq: number; storedHash: string };

/**
 * @param head highest seq stored for the device (0 when none)
 * @param headHash hash of the stored record at head (ZERO when head is 0)
 * @param fromSeq the batch's first seq
 * @param prevHash the batch's header.prevHash (its first record's prev)
 * @param hashes the batch's record hashes, for seqs fromSeq, fromSeq+1, …
 * @param stored stored hashes by seq for the batch's seqs up to head
 */
export function continuity(head: number, headHash: string, fromSeq: number, prevHash: string, hashes: string[], stored: Map<number, string>): Continuity {
  const toSeq = fromSeq + hashes.length - 1;
  if (fromSeq > head + 1) return { kind: 'gap', expectedSeq: head + 1 };
  // Starting right after the head, the batch's link must be the stored head's hash.
  if (fromSeq === head + 1 && prevHash !== headHash) return { kind: 'conflict', index: 0, seq: fromSeq, storedHash: headHash };
  // Every overlapping record must be the one stored; the first difference is the equivocation.
  const overlap = Math.min(toSeq, head) - fromSeq + 1;
  for (let i = 0; i < overlap; i++) {
    const storedHash = stored.get(fromSeq + i);
    if (storedHash === undefined) throw new Error(`device chain has no record at seq ${fromSeq + i} below its head ${head}`);
    if (storedHash !== hashes[i]) return { kind: 'conflict', index: i, seq: fromSeq + i, storedHash };
  }
  return toSeq <= head ? { kind: 'duplicate' } : { kind: 'append', skip: overlap };
}
