import { fromB64u, fromHex } from '../protocol/canon';
import type { Receipt } from '../protocol/batch';
import { verifyConsistency } from '../protocol/merkle';
import type { ServerClient } from './http';
import type { Checkpoint, OutboxError } from './state';

/** What checking a new receipt's audit-log head against the last one seen came to. */
export type LogCheck =
  | { kind: 'none' } // the receipt names no log head
  | { kind: 'first'; checkpoint: Checkpoint } // first head seen: kept as the starting point
  | { kind: 'consistent'; checkpoint: Checkpoint }
  | { kind: 'unchecked'; reason: string } // could not ask now (network): checked next time
  | { kind: 'alarm'; error: OutboxError };

/** Proof nodes as the server sends them: 64-char lowercase hex or 43-char base64url. */
export function parseProof(body: unknown): Uint8Array[] | null {
  const proof = (body as { proof?: unknown } | null)?.proof;
  if (!Array.isArray(proof)) return null;
  const out: Uint8Array[] = [];
  for (const p of proof) {
    if (typeof p !== 'string') return null;
    if (/^[0-9a-f]{64}$/.test(p)) out.push(fromHex(p));
    else if (/^[A-Za-z0-9_-]{43}$/.test(p)) out.push(fromB64u(p));
    else return null;
  }
  return out;
}

/**
 * Checks that the log head in a newly verified receipt extends the last head this tablet saw
 * (RFC 6962 consistency): a server that rewrote or dropped accepted records cannot then show both
 * heads as one growing log. Both heads come from receipts the server signed.
 */
export async function checkLog(client: ServerClient, previous: Checkpoint | undefined, receipt: Receipt, seenAt: string): Promise<LogCheck> {
  if (receipt.logSize === undefined || receipt.logRoot === undefined) return { kind: 'none' };
  const next: Checkpoint = { logSize: receipt.logSize, logRoot: receipt.logRoot, seenAt, checked: true };
  if (!previous) return { kind: 'first', checkpoint: { ...next, checked: false } };
  const alarm = (code: string, message: string): LogCheck => ({
    kind: 'alarm',
    error: { code, message, at: seenAt },
  });
  if (next.logSize < previous.logSize) {
    return alarm('log-shrank', `The audit log shrank from ${previous.logSize} to ${next.logSize} entries.`);
  }
  if (next.logSize === previous.logSize) {
    return next.logRoot === previous.logRoot
      ? { kind: 'consistent', checkpoint: previous }
      : alarm('log-forked', `The audit log of ${next.logSize} entries has two different roots.`);
  }
  const answer = await client.getConsistency(previous.logSize, next.logSize);
  if (answer.kind === 'retry') return { kind: 'unchecked', reason: answer.reason };
  if (answer.kind === 'refused') return alarm('log-unproven', answer.message);
  const proof = parseProof(answer.body);
  const ok = proof !== null && verifyConsistency(previous.logSize, next.logSize, fromHex(previous.logRoot), fromHex(next.logRoot), proof);
  if (!ok) {
    return alarm('log-inconsistent', `The audit log of ${next.logSize} entries does not extend the one of ${previous.logSize} entries seen before.`);
  }
  return { kind: 'consistent', checkpoint: next };
}
