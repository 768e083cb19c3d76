import type { ComponentType } from 'preact';
import type { Campaign } from '../../../domain/campaign';
import type { OriginalType } from '../../../domain/records';
import type { Dict, Translate } from '../../i18n';
import type { Body, Missing } from './body';

/** What every form editor takes: the body and confidential part it edits, and what to highlight. */
export interface EditorProps {
  campaign: Campaign;
  body: Body;
  secret: Record<string, unknown> | undefined;
  onBody(next: Body): void;
  onSecret(next: Record<string, unknown> | null): void;
  /** Anchors of questions to mark as missing. */
  invalid: Set<string>;
  /** 'amend': a correction's replacement body (no photos; confidential fields re-entered or left out). */
  mode: 'new' | 'amend';
  /** The campaign can take confidential fields (it has an encryption key). */
  canSeal: boolean;
  /** Photos of the draft (visit, new records only). */
  photos?: PhotoApi;
}

export interface PhotoApi {
  list: string[];
  add(files: File[]): Promise<void>;
  remove(sha256: string): Promise<void>;
  /** Photos being processed right now. */
  working: number;
  error: string | undefined;
}

export interface MissingContext {
  mode: 'new' | 'amend';
  canSeal: boolean;
}

/** One form type: its editor and rules, shared by its own screen and by corrections. */
export interface FormKind<K extends string> {
  type: OriginalType;
  messages: Dict<K>;
  /** Message keys of the screen title and of the form's name in a sentence ("问卷"). */
  titleKey: K;
  formKey: K;
  Editor: ComponentType<EditorProps>;
  /** A new record's starting body. */
  start(now: number): Body;
  /** Everything that keeps the form from being sealed, in the order it is asked. */
  missing(c: Campaign, body: Body, secret: Record<string, unknown> | undefined, ctx: MissingContext, t: Translate<K>): Missing[];
  /** The confidential part to encrypt, cleaned (undefined: nothing confidential). */
  secretToSeal(secret: Record<string, unknown> | undefined): Record<string, unknown> | undefined;
  /** Encrypt the photos too (covert visits). */
  sealPhotos?(body: Body): boolean;
}
