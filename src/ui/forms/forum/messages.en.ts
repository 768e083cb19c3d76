import type { Strings } from '../../i18n';
import type { forumMessages } from './messages';

export default {
  title: 'Forum',
  form: 'forum record',
  units: 'Units at the forum',
  titleField: 'Title',
  titleHint: 'e.g. Meeting with clients of Enforcement Brigade 1',
  heldAt: 'Time',
  place: 'Place',
  host: 'Chaired by',
  attendance: 'Attendance',
  opinions: 'Opinions raised',
  noOpinions: 'No opinion recorded yet.',
  addOpinion: '+ Add an opinion',
  opinionN: 'No. {n}',
  opinionText: 'Text of opinion {n}',
  kind: 'Kind',
  k_opinion: 'Opinion',
  k_suggestion: 'Suggestion',
  k_complaint: 'Complaint',
  k_praise: 'Praise',
  unit: 'Unit',
  dimension: 'Dimension',
  text: 'Text',
} satisfies Strings<typeof forumMessages>;
