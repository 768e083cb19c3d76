import type { OriginalType } from '../../domain/records';
import type { FormKind } from './common/editor';
import { f2fKind } from './f2f/kind';
import { followupKind } from './followup/kind';
import { forumKind } from './forum/kind';
import { stallKind } from './stall/kind';
import { visitKind } from './visit/kind';

/** Each original record type's form, for corrections (an amend edits a full body of its target's type). */
export const FORM_KINDS: Record<OriginalType, FormKind<string>> = {
  f2f: f2fKind,
  forum: forumKind,
  visit: visitKind,
  stall: stallKind,
  followup: followupKind,
};
