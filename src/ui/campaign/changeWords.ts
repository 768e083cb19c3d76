import type { CampaignChange, CampaignField } from '../../domain/campaign-diff';
import { defineMessages, format, type Lang } from '../i18n';

/** What changed between two campaign versions, in words: the tablet's 活动已更新 and the console's 版本 list. */
export const CHANGE_WORDS = defineMessages('ui/campaign/changeWords', {
  'zh-Hans': {
    'unit-added': '新增被评单位：{name}',
    'unit-removed': '删除被评单位：{name}',
    'unit-retired': '停用被评单位：{name}（已有记录保留，不参加排名）',
    'unit-restored': '恢复被评单位：{name}',
    'unit-renamed': '被评单位改名：{from} → {to}',
    'unit-category': '{name} 的类别：{from} → {to}',
    'dimension-added': '新增评议内容：{label}',
    'dimension-removed': '删除评议内容：{label}',
    'dimension-changed': '评议内容 {label} 的名称或说明有改动',
    'scale-score': '评价等级 {label} 的分值：{from} → {to}',
    'scale-removed': '删除评价等级：{label}',
    weight: '{label} 的权重：{from} → {to}',
    components: '得分构成（各部分分值或比重）有改动',
    limits: '每台设备的问卷上限有改动',
    'scale-labels': '评价等级的名称或顺序有改动',
    'group-labels': '评议主体的名称有改动',
    field: '{what}有改动',
    notCounted: '不计分',
    none: '无',
  },
});

const FIELD_NAMES: Record<Lang, Record<CampaignField, string>> = {
  'zh-Hans': {
    name: '活动名称',
    year: '年度',
    issuer: '组织单位',
    stages: '工作阶段',
    checks: '是否类问题',
    findingCategories: '暗访问题类别',
    severities: '问题严重程度',
    encryptionKey: '加密公钥',
    bonus: '加分办法',
    minSamplePerGroup: '每组最少样本',
    minSampleToRank: '参加排名的最少问卷数',
    rankWithin: '分类排名',
    previous: '上一年度活动',
    componentLabels: '得分构成的名称',
    order: '排列顺序',
  },
  'zh-Hant': {
    name: '活動名稱',
    year: '年度',
    issuer: '組織單位',
    stages: '工作階段',
    checks: '是否類問題',
    findingCategories: '暗訪問題類別',
    severities: '問題嚴重程度',
    encryptionKey: '加密公鑰',
    bonus: '加分辦法',
    minSamplePerGroup: '每組最少樣本',
    minSampleToRank: '參加排名的最少問卷數',
    rankWithin: '分類排名',
    previous: '上一年度活動',
    componentLabels: '得分構成的名稱',
    order: '排列順序',
  },
  en: {
    name: 'The campaign name',
    year: 'The year',
    issuer: 'The issuer',
    stages: 'The stages',
    checks: 'The yes/no questions',
    findingCategories: 'The finding categories',
    severities: 'The severities',
    encryptionKey: 'The encryption key',
    bonus: 'The bonus',
    minSamplePerGroup: 'The minimum sample per group',
    minSampleToRank: 'The minimum questionnaires to be ranked',
    rankWithin: 'Ranking within categories',
    previous: 'The previous campaign',
    componentLabels: 'The names of the score components',
    order: 'The order of the lists',
  },
};

/** One change in one language. */
export function changeText(c: CampaignChange, lang: Lang): string {
  const w = CHANGE_WORDS[lang];
  const score = (v: number | null | undefined) => (v === null ? w.notCounted : v === undefined ? w.none : String(v));
  switch (c.kind) {
    case 'scale-score':
      return c.to === undefined
        ? format(w['scale-removed'], { label: c.label })
        : format(w['scale-score'], { label: c.label, from: score(c.from), to: score(c.to) });
    case 'weight': {
      const pct = (v: number | undefined) => (v === undefined ? w.none : `${Math.round(v * 1000) / 10} %`);
      return format(w.weight, { label: c.label, from: pct(c.from), to: pct(c.to) });
    }
    case 'field':
      return format(w.field, { what: FIELD_NAMES[lang][c.field] });
    case 'components':
    case 'limits':
    case 'scale-labels':
    case 'group-labels':
      return w[c.kind];
    default:
      return format(w[c.kind], c as unknown as Record<string, string>);
  }
}
