import type { Strings } from '../../i18n';
import type { vetoMessages } from './veto-messages';

export default {
  title: '一票否決',
  hint: '被否決的單位保留得分，但不參加排名，排在參加排名的單位之後，標註「否決」。否決和撤銷都記入操作記錄。',
  none: '目前沒有被否決的單位。',
  lift: '撤銷否決',
  liftNamed: '撤銷對 {name} 的否決',
  setBy: '最近一次由 {who} 於 {when} 設定。',
  unit: '被評單位',
  choose: '請選擇…',
  reason: '否決理由（必填）',
  reasonRequired: '請寫明否決理由。',
  reasonTooLong: '理由最多 {max} 個字。',
  veto: '否決該單位',
} satisfies Strings<typeof vetoMessages>;
