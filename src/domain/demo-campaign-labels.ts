import type { Campaign } from './campaign';

type Labels = { 'zh-Hant': string; en: string };

/** The demo campaign's names in 繁體中文 and English (optional `labels` of a campaign definition). */
export const DEMO_LABELS: Record<'units' | 'dimensions' | 'scale' | 'raterGroups' | 'checks' | 'findingCategories' | 'severities', Record<string, Labels>> = {
  units: {
    office: { 'zh-Hant': '局辦公室', en: 'General Office' },
    law: { 'zh-Hant': '政策法規科', en: 'Policy and Regulations' },
    cityscape: { 'zh-Hant': '市容管理科', en: 'City Appearance' },
    inspect: { 'zh-Hant': '督查科', en: 'Inspection' },
    approval: { 'zh-Hant': '行政審批窗口', en: 'Approvals Counter' },
    brigade1: { 'zh-Hant': '執法一大隊', en: 'Enforcement Brigade 1' },
    brigade2: { 'zh-Hant': '執法二大隊', en: 'Enforcement Brigade 2' },
    brigade3: { 'zh-Hant': '執法三大隊', en: 'Enforcement Brigade 3' },
    muck: { 'zh-Hant': '渣土管理大隊', en: 'Construction Waste Brigade' },
  },
  dimensions: {
    openness: { 'zh-Hant': '資訊公開', en: 'Openness' },
    lawful: { 'zh-Hant': '依法辦事', en: 'Lawfulness' },
    efficiency: { 'zh-Hant': '辦事效率', en: 'Efficiency' },
    integrity: { 'zh-Hant': '廉潔自律', en: 'Integrity' },
    system: { 'zh-Hant': '制度建設', en: 'Rules and oversight' },
    service: { 'zh-Hant': '服務發展', en: 'Service' },
    conduct: { 'zh-Hant': '改進作風', en: 'Conduct' },
    welfare: { 'zh-Hant': '維護民利', en: 'Public interest' },
  },
  scale: {
    very: { 'zh-Hant': '滿意', en: 'Satisfied' },
    fairly: { 'zh-Hant': '較滿意', en: 'Fairly satisfied' },
    neutral: { 'zh-Hant': '一般', en: 'Neutral' },
    less: { 'zh-Hant': '不太滿意', en: 'Not very satisfied' },
    dissatisfied: { 'zh-Hant': '不滿意', en: 'Dissatisfied' },
    unknown: { 'zh-Hant': '不了解', en: 'Don’t know' },
  },
  raterGroups: {
    expert: { 'zh-Hant': '專家代表', en: 'Experts' },
    public: { 'zh-Hant': '群眾代表', en: 'Public representatives' },
    client: { 'zh-Hant': '服務對象', en: 'Service users' },
  },
  checks: {
    bribe: { 'zh-Hant': '是否遇到吃拿卡要', en: 'Asked for bribes or gifts?' },
    fees: { 'zh-Hant': '是否遇到亂收費、亂罰款', en: 'Charged or fined without grounds?' },
    shirk: { 'zh-Hant': '是否遇到推諉扯皮', en: 'Passed from desk to desk?' },
  },
  findingCategories: {
    attitude: { 'zh-Hant': '門難進、臉難看、事難辦', en: 'Unwelcoming, unhelpful' },
    bribe: { 'zh-Hant': '吃拿卡要', en: 'Bribes and favours' },
    fees: { 'zh-Hant': '亂收費、亂罰款、亂攤派', en: 'Unlawful fees and fines' },
    shirk: { 'zh-Hant': '推諉扯皮', en: 'Shirking' },
    inaction: { 'zh-Hant': '不作為、慢作為、亂作為', en: 'Inaction or misconduct' },
    discipline: { 'zh-Hant': '工作紀律', en: 'Work discipline' },
    disclosure: { 'zh-Hant': '政務公開不到位', en: 'Poor disclosure' },
  },
  severities: {
    minor: { 'zh-Hant': '一般', en: 'Minor' },
    serious: { 'zh-Hant': '較重', en: 'Serious' },
    grave: { 'zh-Hant': '嚴重', en: 'Grave' },
  },
};

/** The demo campaign's definition with its labels (ids and everything else as they are). */
export function withDemoLabels(c: Campaign): Campaign {
  const L = DEMO_LABELS;
  const add = <T extends { id: string }>(xs: T[], m: Record<string, Labels>): T[] => xs.map((x) => (m[x.id] ? { ...x, labels: m[x.id] } : x));
  return {
    ...c,
    units: add(c.units, L.units),
    dimensions: add(c.dimensions, L.dimensions),
    scale: c.scale.map((l) => (L.scale[l.key] ? { ...l, labels: L.scale[l.key] } : l)),
    raterGroups: add(c.raterGroups, L.raterGroups),
    ...(c.checks ? { checks: add(c.checks, L.checks) } : {}),
    findingCategories: add(c.findingCategories, L.findingCategories),
    severities: add(c.severities, L.severities),
  };
}
