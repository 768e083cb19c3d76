import type { Strings } from '../../i18n';
import type { forumMessages } from './messages';

export default {
  title: '座談會',
  form: '座談會記錄',
  units: '參會被評單位',
  titleField: '會議名稱',
  titleHint: '例如：執法一大隊服務對象座談會',
  heldAt: '時間',
  place: '地點',
  host: '主持人',
  attendance: '參會人數',
  opinions: '意見和建議',
  noOpinions: '還沒有記錄意見。',
  addOpinion: '+ 記一條意見',
  opinionN: '第 {n} 條',
  opinionText: '第 {n} 條意見的內容',
  kind: '類型',
  k_opinion: '意見',
  k_suggestion: '建議',
  k_complaint: '投訴',
  k_praise: '表揚',
  unit: '涉及單位',
  dimension: '評議內容',
  text: '內容',
} satisfies Strings<typeof forumMessages>;
