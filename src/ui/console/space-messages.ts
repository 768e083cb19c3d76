import { defineMessages } from '../i18n';

/** The console header's words on the server's disk and database. */
export const spaceMessages = defineMessages({
  'zh-Hans': {
    free: '服务器剩余空间 {free}（共 {total}）',
    low: '服务器空间不足：仅剩 {free}（{percent}%，共 {total}），请尽快清理，空间用完后平板将无法上传',
    full: '服务器磁盘已满，平板的上传暂被拒收，腾出空间后自动恢复',
    unavailable: '服务器的数据库暂时无法使用，平板稍后会自动重试',
  },
  'zh-Hant': {
    free: '伺服器剩餘空間 {free}（共 {total}）',
    low: '伺服器空間不足：僅剩 {free}（{percent}%，共 {total}），請盡快清理，空間用完後平板將無法上傳',
    full: '伺服器磁碟已滿，平板的上傳暫被拒收，騰出空間後自動恢復',
    unavailable: '伺服器的資料庫暫時無法使用，平板稍後會自動重試',
  },
  en: {
    free: 'Server space free: {free} of {total}',
    low: 'Server space low: only {free} left ({percent}% of {total}); free some soon, tablets cannot upload once it is full',
    full: 'The server’s disk is full: tablet uploads are refused until space is freed, then resume by themselves',
    unavailable: 'The server’s database is unavailable for now; tablets retry by themselves',
  },
});
