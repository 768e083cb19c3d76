import type { Strings } from '../i18n';
import type { TYPE_NAMES } from './recordTypes';

export default {
  f2f: 'Face-to-face',
  forum: 'Forum',
  visit: 'Inspection',
  stall: 'Stall',
  followup: 'Follow-up',
  amend: 'Amendment',
  void: 'Void',
} satisfies Strings<typeof TYPE_NAMES>;
