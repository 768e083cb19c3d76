import type { FormKind } from '../common/editor';
import { FollowupEditor } from './FollowupEditor';
import { followupMessages, type FollowupKey } from './messages';
import { followupStart, missingFollowup } from './model';

export const followupKind: FormKind<FollowupKey> = {
  type: 'followup',
  messages: followupMessages,
  titleKey: 'title',
  formKey: 'form',
  Editor: FollowupEditor,
  start: followupStart,
  missing: missingFollowup,
  // Nothing confidential: a follow-up says what was seen at a unit, not who said what.
  secretToSeal: () => undefined,
};
