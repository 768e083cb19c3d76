import type { FormKind } from '../common/editor';
import { ForumEditor } from './ForumEditor';
import { forumMessages, type ForumKey } from './messages';
import { forumStart, missingForum } from './model';

export const forumKind: FormKind<ForumKey> = {
  type: 'forum',
  messages: forumMessages,
  titleKey: 'title',
  formKey: 'form',
  Editor: ForumEditor,
  start: forumStart,
  missing: missingForum,
  // A forum record holds nothing confidential: opinions are tagged by unit, never by person.
  secretToSeal: () => undefined,
};
