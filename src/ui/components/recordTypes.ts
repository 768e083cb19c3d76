import { defineMessages } from '../i18n';

/** Names of the record types, shared by the navigation, home, list and detail screens. */
export const TYPE_NAMES = defineMessages('ui/components/recordTypes', {
  'zh-Hans': { f2f: '面对面评议', forum: '座谈会', visit: '明察暗访', stall: '设点咨询', followup: '回头看', amend: '更正', void: '作废' },
});

/** The four kinds of field work, in the order the screens offer them. */
export const WORK_TYPES = ['f2f', 'forum', 'visit', 'stall'] as const;
export type WorkType = (typeof WORK_TYPES)[number];
