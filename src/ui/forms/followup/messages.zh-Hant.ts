import type { Strings } from '../../i18n';
import type { followupMessages } from './messages';

export default {
  title: '回頭看',
  form: '回頭看記錄',
  item: '整改項',
  unit: '被評單位',
  deadline: '整改期限：{day}',
  due: '已到期',
  verdict: '整改情況',
  fixed: '已整改',
  partly: '部分整改',
  notFixed: '未整改',
  note: '情況說明',
  noteHint: '現場看到的情況：是否整改到位，還存在什麼問題',
  visitedAt: '回訪時間',
  pick: '選擇要回頭看的整改項',
  noItems: '本平板還沒有整改項。同步後會取得糾風辦下發的整改項，之後不聯網也能使用。',
  noItemsUnit: '該單位沒有待回頭看的整改項。',
  itemGone: '這個整改項已不在本平板的清單中（可能已被糾風辦關閉）。請同步後重新選擇。',
  chooseAnother: '換一個整改項',
  items: '{n} 項',
} satisfies Strings<typeof followupMessages>;
