import { uuidv7, isoTime } from '../domain/ids';
import type { RecordType } from '../domain/records';
import type { Draft, PingyiDb } from './db';
import { localDay } from './day';

/**
 * Drafts: forms being filled. Every answer is written at once (a tablet may be dropped, a tab
 * closed, a battery run flat mid-questionnaire), so a half-filled form is always there to resume.
 */

export interface NewDraft {
  campaignId: string;
  deviceId: string;
  type: RecordType;
  body: Record<string, unknown>;
  secret?: Record<string, unknown>;
  attachments?: string[];
  /** The record id to use (tests); a fresh UUIDv7 otherwise. */
  id?: string;
}

/** A draft that is not stored yet: it is written with its first answer, never empty. */
export function newDraft(d: NewDraft, now: number): Draft {
  return {
    id: d.id ?? uuidv7(now),
    campaignId: d.campaignId,
    deviceId: d.deviceId,
    type: d.type,
    body: d.body,
    ...(d.secret ? { secret: d.secret } : {}),
    ...(d.attachments ? { attachments: d.attachments } : {}),
    createdAt: isoTime(now),
    updatedAt: now,
  };
}

export interface DraftChange {
  body?: Record<string, unknown>;
  /** `null` removes the confidential part altogether. */
  secret?: Record<string, unknown> | null;
  attachments?: string[];
}

/**
 * The draft after one answer: firstAnswerAt is set by the first answer only (the f2f durationMs
 * runs from it), updatedAt by every answer.
 */
export function applyAnswer(draft: Draft, change: DraftChange, now: number): Draft {
  const next: Draft = { ...draft, updatedAt: now, firstAnswerAt: draft.firstAnswerAt ?? now };
  if (change.body) next.body = change.body;
  if (change.secret === null) delete next.secret;
  else if (change.secret) next.secret = change.secret;
  if (change.attachments) next.attachments = change.attachments;
  return next;
}

/** Writes a draft (insert or replace). */
export async function putDraft(db: PingyiDb, draft: Draft): Promise<void> {
  await db.drafts.put(draft);
}

export function getDraft(db: PingyiDb, id: string): Promise<Draft | undefined> {
  return db.drafts.get(id);
}

/** Drafts of a campaign, most recently touched first. */
export async function listDrafts(db: PingyiDb, campaignId: string): Promise<Draft[]> {
  const all = await db.drafts.where('campaignId').equals(campaignId).toArray();
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** The unfinished draft of one form on this device to offer for resumption, newest first. */
export async function findResumable(db: PingyiDb, q: { campaignId: string; deviceId: string; type: RecordType }): Promise<Draft | undefined> {
  const all = await listDrafts(db, q.campaignId);
  return all.find((d) => d.deviceId === q.deviceId && d.type === q.type);
}

/** Removes a draft and hands it back, so that the screen can offer to undo. */
export async function discardDraft(db: PingyiDb, id: string): Promise<Draft | undefined> {
  return db.transaction('rw', db.drafts, async () => {
    const d = await db.drafts.get(id);
    if (d) await db.drafts.delete(id);
    return d;
  });
}

/** Undo of discardDraft: puts the draft back exactly as it was. */
export async function restoreDraft(db: PingyiDb, draft: Draft): Promise<void> {
  await db.drafts.put(draft);
}

/**
 * Writes a screen's draft answer by answer, in order, without piling up writes: while one write
 * is running only the newest pending version is kept, so a burst of keystrokes costs two writes.
 * One writer per screen (created by the screen, not at import time).
 */
export interface DraftWriter {
  write(draft: Draft): Promise<void>;
  /** Resolves when everything written so far is stored. */
  flush(): Promise<void>;
  /** Drops pending writes (after the draft was sealed or discarded). */
  cancel(): void;
}

export function createDraftWriter(db: PingyiDb, onError: (e: unknown) => void = () => {}): DraftWriter {
  let pending: Draft | undefined;
  let running: Promise<void> | undefined;
  const pump = async (): Promise<void> => {
    while (pending) {
      const d = pending;
      pending = undefined;
      try {
        await putDraft(db, d);
      } catch (e) {
        onError(e);
      }
    }
    running = undefined;
  };
  return {
    write(draft) {
      pending = draft;
      if (!running) running = pump();
      return running;
    },
    flush() {
      return running ?? Promise.resolve();
    },
    cancel() {
      pending = undefined;
    },
  };
}

export interface F2fCount {
  /** Questionnaires sealed today for the unit (all rater groups). */
  total: number;
  byGroup: Record<string, number>;
}

/**
 * Today's sealed questionnaires for one unit on this device, per rater group: the counter the
 * representative watches to reach the sample size. Voided questionnaires do not count; an amended
 * one counts under its latest unit and group. One read of the day's row (store/day-tally.ts).
 */
export async function countTodayF2f(
  db: PingyiDb,
  q: { campaignId: string; deviceId: string; unitId: string; now: number; day?: (ms: number) => string },
): Promise<F2fCount> {
  const row = await db.days.get([q.deviceId, (q.day ?? localDay)(q.now)]);
  const byGroup = { ...(row?.f2f[q.campaignId]?.[q.unitId] ?? {}) };
  return { total: Object.values(byGroup).reduce((n, x) => n + x, 0), byGroup };
}

/** This device's unfinished amend or void of one original record, if any (resumed without asking). */
export async function findCorrectionDraft(
  db: PingyiDb,
  q: { campaignId: string; deviceId: string; type: 'amend' | 'void'; targetId: string },
): Promise<Draft | undefined> {
  const all = await listDrafts(db, q.campaignId);
  return all.find((d) => d.deviceId === q.deviceId && d.type === q.type && d.body.targetId === q.targetId);
}
