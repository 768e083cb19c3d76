import type { Strings } from '../i18n';
import type { MESSAGES } from './CampaignUpdateCard';

export default {
  title: '活動已更新',
  body: '糾風辦修改了評議活動（第 {from} 版 → 第 {to} 版）。新開始的問卷按新版本填寫；已開始的草稿可以照常完成。',
  ok: '知道了',
  more: '另有 {n} 處改動',
} satisfies Strings<typeof MESSAGES>;
