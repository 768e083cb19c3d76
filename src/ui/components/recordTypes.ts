import { defineMessages } from '../i18n';

/** Names of the record types, shared by the navigation, home, list and detail screens. */
export const TYPE_NAMES = defineMessages({
  'zh-Hans': { f2f: '面对面评议', forum: '座谈会', visit: '明察暗访', stall: '设点咨询', followup: '回头看', amend: '更正', void: '作废' },
  'zh-Hant': { f2f: '面對面評議', forum: '座談會', visit: '明察暗訪', stall: '設點諮詢', followup: '回頭看', amend: '更正', void: '作廢' },
  en: { f2f: 'Face-to-face', forum: 'Forum', visit: 'Inspection', stall: 'Stall', followup: 'Follow-up', amend: 'Amendment', void: 'Void' },
});

/** The four kinds of field work, in the order the screens offer them. */
export const WORK_TYPES = ['f2f', 'forum', 'visit', 'stall'] as const;
export type WorkType = (typeof WORK_TYPES)[number];
