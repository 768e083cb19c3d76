import type { PingyiRecord } from '../../../domain/records';
import type { Finding } from '../api-types';

/** What a finding says now: the latest amendment's content in force, its own sealed part and photos. */
export interface EffectiveFinding {
  /** The visit record with the body in force (the latest amendment's replacement body). */
  shown: PingyiRecord;
  /** The record whose `sealed` and attachments belong to the content in force (decrypted with bindingIds). */
  secretOf: PingyiRecord;
}

/**
 * Amendments supersede each other in seq order (PROTOCOL.md); the server lists them in acceptance
 * order, which for one device is seq order. An amendment carries the confidential part in force:
 * retyped and encrypted anew, or the earlier one unchanged with `keptFrom` naming the record it is
 * bound to. One that carries no sealed part or photos (made before amends carried them) keeps the
 * original's.
 */
export function effectiveFinding(f: Finding): EffectiveFinding {
  const latest = [...f.amendments].sort((a, b) => a.record.seq - b.record.seq).at(-1)?.record;
  if (!latest) return { shown: f.record, secretOf: f.record };
  const body = (latest.body as { body?: Record<string, unknown> }).body ?? f.record.body;
  const carries = latest.sealed !== undefined || (latest.attachments?.length ?? 0) > 0;
  return { shown: { ...f.record, body }, secretOf: carries ? latest : f.record };
}
