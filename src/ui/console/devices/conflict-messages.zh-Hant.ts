import type { Strings } from '../../i18n';
import type { conflictMessages } from './conflict-messages';

export default {
  badge: '存在衝突',
  badgeHint: '這台裝置對同一序號簽署過兩條不同的記錄',
  show: '查看衝突',
  title: '裝置記錄衝突',
  intro: '裝置「{label}」（採集人 {collector}）對同一序號提交過兩個不同的版本。伺服器保留已儲存的版本，另一個版本作為證據保存，不計入統計。',
  seq: '序號 {seq}，另一版本收到於 {when}',
  stored: '已儲存的版本',
  offered: '另一版本（證據）',
  missing: '伺服器已沒有該序號的記錄。',
  hash: '雜湊',
  loading: '正在讀取衝突…',
  none: '沒有衝突記錄。',
  close: '關閉',
} satisfies Strings<typeof conflictMessages>;
