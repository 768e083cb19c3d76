import type { PingyiRecord } from './records';

/**
 * The record ids a record's `sealed` part and sealed attachments may be bound to (HPKE `info`),
 * most likely first. An amend that carries its target's confidential part or photos unchanged (the
 * tablet cannot decrypt them to re-encrypt) names the record they were made for in `keptFrom`;
 * anything it encrypted anew is bound to its own id. A wrong id only makes decryption fail: HPKE
 * itself proves which record a ciphertext was made for.
 */
export function bindingIds(record: Pick<PingyiRecord, 'id' | 'type' | 'body'>): string[] {
  const from = record.type === 'amend' ? record.body.keptFrom : undefined;
  return typeof from === 'string' && from && from !== record.id ? [from, record.id] : [record.id];
}

/** Decrypts with the first id that works; rethrows the last failure when none does. */
export async function withAnyId<T>(ids: readonly string[], decrypt: (id: string) => Promise<T>): Promise<T> {
  let last: unknown = new Error('no record id');
  for (const id of ids) {
    try {
      return await decrypt(id);
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
