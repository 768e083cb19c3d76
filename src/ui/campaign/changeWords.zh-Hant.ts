import type { Strings } from '../i18n';
import type { CHANGE_WORDS } from './changeWords';

export default {
  'unit-added': '新增被評單位：{name}',
  'unit-removed': '刪除被評單位：{name}',
  'unit-retired': '停用被評單位：{name}（已有記錄保留，不參加排名）',
  'unit-restored': '恢復被評單位：{name}',
  'unit-renamed': '被評單位改名：{from} → {to}',
  'unit-category': '{name} 的類別：{from} → {to}',
  'dimension-added': '新增評議內容：{label}',
  'dimension-removed': '刪除評議內容：{label}',
  'dimension-changed': '評議內容 {label} 的名稱或說明有改動',
  'scale-score': '評價等級 {label} 的分值：{from} → {to}',
  'scale-removed': '刪除評價等級：{label}',
  weight: '{label} 的權重：{from} → {to}',
  components: '得分構成（各部分分值或比重）有改動',
  limits: '每台設備的問卷上限有改動',
  'scale-labels': '評價等級的名稱或順序有改動',
  'group-labels': '評議主體的名稱有改動',
  field: '{what}有改動',
  notCounted: '不計分',
  none: '無',
} satisfies Strings<typeof CHANGE_WORDS>;
