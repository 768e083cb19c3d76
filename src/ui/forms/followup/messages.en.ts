import type { Strings } from '../../i18n';
import type { followupMessages } from './messages';

export default {
  title: 'Follow-up visit',
  form: 'follow-up',
  item: 'Rectification item',
  unit: 'Unit',
  deadline: 'Deadline: {day}',
  due: 'Due',
  verdict: 'Was it fixed?',
  fixed: 'Fixed',
  partly: 'Partly fixed',
  notFixed: 'Not fixed',
  note: 'Note',
  noteHint: 'What you saw: is it fixed, what is still wrong',
  visitedAt: 'Time of the visit',
  pick: 'Choose the item to follow up',
  noItems: 'This tablet has no rectification items yet. A sync fetches those the office opened; they then work offline.',
  noItemsUnit: 'This unit has no items to follow up.',
  itemGone: 'This item is no longer in the tablet’s list (the office may have closed it). Sync, then choose again.',
  chooseAnother: 'Choose another item',
  items: '{n} items',
} satisfies Strings<typeof followupMessages>;
