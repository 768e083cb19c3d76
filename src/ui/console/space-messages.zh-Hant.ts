import type { Strings } from '../i18n';
import type { spaceMessages } from './space-messages';

export default {
  free: '伺服器剩餘空間 {free}（共 {total}）',
  low: '伺服器空間不足：僅剩 {free}（{percent}%，共 {total}），請盡快清理，空間用完後平板將無法上傳',
  full: '伺服器磁碟已滿，平板的上傳暫被拒收，騰出空間後自動恢復',
  unavailable: '伺服器的資料庫暫時無法使用，平板稍後會自動重試',
} satisfies Strings<typeof spaceMessages>;
