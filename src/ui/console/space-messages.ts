import { defineMessages } from '../i18n';

/** The console header's words on the server's disk and database. */
export const spaceMessages = defineMessages('ui/console/space-messages', {
  'zh-Hans': {
    free: '服务器剩余空间 {free}（共 {total}）',
    low: '服务器空间不足：仅剩 {free}（{percent}%，共 {total}），请尽快清理，空间用完后平板将无法上传',
    full: '服务器磁盘已满，平板的上传暂被拒收，腾出空间后自动恢复',
    unavailable: '服务器的数据库暂时无法使用，平板稍后会自动重试',
  },
});
