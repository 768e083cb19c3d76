import { isoTime } from '../domain/ids';
import { fromB64u } from '../protocol/canon';
import type { PingyiDb } from '../store/db';
import type { ServerClient } from './http';
import { applyReceipt, checkBatchAnswer } from './receipts';
import type { RelayFile } from './relay';
import { readEnrollment, type ServerKey } from './state';

/** What the server answered for one item of a relay file. */
export interface RelayAnswer {
  item: 'blob' | 'batch';
  /** blob: its sha256; batch: "fromSeq–toSeq". */
  label: string;
  outcome: 'stored' | 'accepted' | 'duplicate' | 'refused' | 'retry' | 'unverified' | 'not-sent';
  /** The server's sentence, or why the item was not sent. */
  message: string;
  code?: string;
  throughSeq?: number;
  receivedAt?: string;
}

export interface ForwardDeps {
  client: ServerClient;
  /** The server's receipt key, to verify receipts (the console may pass null: it shows them unverified). */
  serverKey: ServerKey | null;
  /** When the file is this tablet's own (carried back), verified receipts mark its records received. */
  db?: PingyiDb;
  now?: () => number;
  onAnswer?: (a: RelayAnswer, done: number, total: number) => void;
}

/**
 * Forwards a relay file to the server unchanged: the photos first (with the original device's
 * headers), then the batches in seq order. After a refusal or a network failure the remaining
 * batches are listed as not sent (they would be refused as a chain-gap anyway); forwarding the
 * same file again later is harmless, as the server answers `duplicate` for what it already holds.
 */
export async function forwardRelay(file: RelayFile, deps: ForwardDeps): Promise<RelayAnswer[]> {
  const now = deps.now ?? Date.now;
  const out: RelayAnswer[] = [];
  const total = file.blobs.length + file.batches.length;
  const push = (a: RelayAnswer) => {
    out.push(a);
    deps.onAnswer?.(a, out.length, total);
  };
  const own = deps.db ? await readEnrollment(deps.db) : null;
  let stopped: string | null = null;

  for (const b of file.blobs) {
    if (stopped) {
      push({ item: 'blob', label: b.sha256, outcome: 'not-sent', message: stopped });
      continue;
    }
    const a = await deps.client.putBlob(b.sha256, fromB64u(b.data), b.deviceId, b.sig);
    if (a.kind === 'ok') push({ item: 'blob', label: b.sha256, outcome: 'stored', message: a.status === 201 ? 'new' : 'already held' });
    else if (a.kind === 'refused') push({ item: 'blob', label: b.sha256, outcome: 'refused', code: a.error, message: a.message });
    else {
      stopped = a.reason;
      push({ item: 'blob', label: b.sha256, outcome: 'retry', message: a.reason });
    }
  }

  for (const batch of file.batches) {
    const label = `${batch.header.fromSeq}–${batch.header.toSeq}`;
    if (stopped) {
      push({ item: 'batch', label, outcome: 'not-sent', message: stopped });
      continue;
    }
    const a = await deps.client.postBatch(JSON.stringify(batch));
    if (a.kind === 'retry') {
      stopped = a.reason;
      push({ item: 'batch', label, outcome: 'retry', message: a.reason });
      continue;
    }
    if (a.kind === 'refused') {
      stopped = a.message;
      push({ item: 'batch', label, outcome: 'refused', code: a.error, message: a.message });
      continue;
    }
    if (!deps.serverKey) {
      const r = (a.body as { receipt?: { throughSeq?: number; receivedAt?: string } }).receipt;
      push({
        item: 'batch',
        label,
        outcome: 'unverified',
        message: 'receipt not verified: no server key',
        throughSeq: r?.throughSeq,
        receivedAt: r?.receivedAt,
      });
      continue;
    }
    const check = await checkBatchAnswer(a.body, batch.header, deps.serverKey);
    if (!check.ok) {
      stopped = check.reason;
      push({ item: 'batch', label, outcome: 'unverified', code: 'bad-receipt', message: check.reason });
      continue;
    }
    const r = check.answer.receipt;
    if (deps.db && own && own.deviceId === r.deviceId) await applyReceipt(deps.db, check.answer, isoTime(now()));
    push({ item: 'batch', label, outcome: check.answer.status, message: `${check.answer.appended}`, throughSeq: r.throughSeq, receivedAt: r.receivedAt });
  }
  return out;
}
