import type { Attachment, Sealed } from '../../../domain/records';
import type { Draft, PingyiDb, StoredRecord } from '../../../store/db';
import { attachmentsFor, removePhotosIfUnused } from '../../../store/photos';
import { SealError, sealDraft, StorageFullError } from '../../../store/seal';
import type { Session } from '../../context';
import type { Sealing } from './encrypt';

export interface SealFormOptions {
  db: PingyiDb;
  session: Session;
  sealing: Sealing | undefined;
  /** The confidential part as it is to be encrypted (undefined: none). */
  secret?: Record<string, unknown>;
  /** Encrypt the photos too (covert visits). */
  sealPhotos?: boolean;
  /**
   * A correction's carried-over confidential part and photos, put into the record exactly as they
   * are (the tablet cannot decrypt them); used when `secret` is empty.
   */
  keep?: { sealed?: Sealed; attachments?: Attachment[] };
  now?: () => number;
}

export type SealOutcome =
  | { ok: true; stored: StoredRecord; photosSealed: boolean }
  | { ok: false; kind: 'invalid'; message: string; path: string }
  | { ok: false; kind: 'storage-full' }
  | { ok: false; kind: 'no-key' }
  | { ok: false; kind: 'failed'; message: string };

/**
 * Seals a form's draft: photos first (encrypted for covert visits, the ciphertext stored before the
 * record that names it), then the record through sealDraft in one transaction, then the plaintext
 * copies of sealed photos are removed. Never throws: the screen shows every outcome in words.
 */
export async function sealForm(draft: Draft, o: SealFormOptions): Promise<SealOutcome> {
  const hasSecret = !!o.secret && Object.values(o.secret).some((v) => v !== undefined && v !== '');
  if (hasSecret && !o.sealing) return { ok: false, kind: 'no-key' };
  try {
    const shas = draft.attachments ?? [];
    const encryptBlob = o.sealPhotos ? o.sealing?.encryptBlob : undefined;
    const photos = shas.length ? await attachmentsFor(o.db, shas, { recordId: draft.id, seal: encryptBlob }) : undefined;
    const toSeal: Draft = { ...draft };
    const keptSealed = !hasSecret ? o.keep?.sealed : undefined;
    if (hasSecret) toSeal.secret = o.secret;
    // sealDraft encrypts a non-empty secret through `encrypt`: the kept ciphertext is handed back as it is.
    else if (keptSealed) toSeal.secret = { kept: true };
    else delete toSeal.secret;
    const encrypt = keptSealed ? () => Promise.resolve(keptSealed) : o.sealing?.encrypt;
    const attachments = photos?.attachments ?? (o.keep?.attachments?.length ? o.keep.attachments : undefined);
    const stored = await sealDraft(toSeal, {
      db: o.db,
      campaign: o.session.campaign,
      collector: o.session.collector,
      practice: o.session.practice,
      ...(encrypt ? { encrypt } : {}),
      ...(attachments ? { attachments } : {}),
      ...(o.now ? { now: o.now } : {}),
    });
    if (photos?.plaintext.length) await removePhotosIfUnused(o.db, photos.plaintext);
    return { ok: true, stored, photosSealed: !!encryptBlob && shas.length > 0 };
  } catch (e) {
    if (e instanceof SealError) return { ok: false, kind: 'invalid', message: e.problems[0]?.message ?? e.message, path: e.problems[0]?.path ?? '' };
    if (e instanceof StorageFullError) return { ok: false, kind: 'storage-full' };
    return { ok: false, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
