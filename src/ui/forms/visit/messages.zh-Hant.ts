import type { Strings } from '../../i18n';
import type { visitMessages } from './messages';

export default {
  title: '明察暗訪',
  form: '暗訪記錄',
  unit: '被查單位',
  mode: '方式',
  covert: '暗訪',
  open: '明察',
  visitedAt: '時間',
  place: '地點',
  placeOrLocation: '地點或位置',
  placeHint: '例如：政務服務中心二樓3號窗口',
  categories: '問題類別',
  severity: '嚴重程度',
  description: '情況描述',
  descriptionHint: '看到、聽到的經過：時間、窗口、經辦人表現等',
  names: '涉及人員',
  namesHint: '姓名、工號或外貌特徵（如有）',
  covertNeedsKey: '本活動沒有設定加密金鑰，不能記錄暗訪：暗訪的描述、人員和照片必須加密後才能提交。請改為明察，或請糾風辦為活動設定加密金鑰後重新登記本平板。',
  covertNotPossible: '暗訪（需加密金鑰）',
} satisfies Strings<typeof visitMessages>;
