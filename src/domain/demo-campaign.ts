import type { Campaign } from './campaign';

/**
 * The demo campaign, built from seed 000 (a city 城管局's 2023 方案): its 科室 and 大队 as units, the
 * eight 评议内容, the five-level scale with 不了解, the three 评议主体 (0.3/0.3/0.4), and the 20 + 80
 * composite (日常考评 20; 群众评议 80 = (网络测评 + 问卷调查) / 2) with the 专项治理 bonus capped inside
 * 日常考评. It ships with the app for practice and is campaign `demo` on every server.
 *
 * Its encryption key is a published training key (DEMO_CAMPAIGN_PRIVATE_JWK): confidential fields of
 * demo records are really encrypted, and trainees can decrypt them in the console. Never use it for
 * a real campaign.
 */
// A plain object (checked against CampaignSchema in the tests), so that the home screen does not
// load zod on a first visit.
export const DEMO_CAMPAIGN: Campaign = {
  id: 'demo',
  name: '城管局民主评议政风行风（演示）',
  year: 2026,
  issuer: '市纠风办',
  units: [
    { id: 'office', name: '局办公室', category: '机关科室', labels: { 'zh-Hant': '局辦公室', en: 'General Office' } },
    { id: 'law', name: '政策法规科', category: '机关科室', labels: { 'zh-Hant': '政策法規科', en: 'Policy and Regulations' } },
    { id: 'cityscape', name: '市容管理科', category: '机关科室', labels: { 'zh-Hant': '市容管理科', en: 'City Appearance' } },
    { id: 'inspect', name: '督查科', category: '机关科室', labels: { 'zh-Hant': '督查科', en: 'Inspection' } },
    { id: 'approval', name: '行政审批窗口', category: '窗口单位', labels: { 'zh-Hant': '行政審批窗口', en: 'Approvals Counter' } },
    { id: 'brigade1', name: '执法一大队', category: '行政执法类', labels: { 'zh-Hant': '執法一大隊', en: 'Enforcement Brigade 1' } },
    { id: 'brigade2', name: '执法二大队', category: '行政执法类', labels: { 'zh-Hant': '執法二大隊', en: 'Enforcement Brigade 2' } },
    { id: 'brigade3', name: '执法三大队', category: '行政执法类', labels: { 'zh-Hant': '執法三大隊', en: 'Enforcement Brigade 3' } },
    { id: 'muck', name: '渣土管理大队', category: '行政执法类', labels: { 'zh-Hant': '渣土管理大隊', en: 'Construction Waste Brigade' } },
  ],
  dimensions: [
    { id: 'openness', label: '信息公开', labels: { 'zh-Hant': '資訊公開', en: 'Openness' }, hint: '政策法规、办事流程、办理时限、服务承诺等应公开尽公开' },
    { id: 'lawful', label: '依法办事', labels: { 'zh-Hant': '依法辦事', en: 'Lawfulness' }, hint: '严格依法依规办事，无滥用职权、执法不严、乱收费、乱罚款' },
    { id: 'efficiency', label: '办事效率', labels: { 'zh-Hant': '辦事效率', en: 'Efficiency' }, hint: '优化服务流程，减少办事时限，投诉件按时办结' },
    { id: 'integrity', label: '廉洁自律', labels: { 'zh-Hant': '廉潔自律', en: 'Integrity' }, hint: '忠于职守、廉洁奉公，无徇私舞弊、吃拿卡要' },
    { id: 'system', label: '制度建设', labels: { 'zh-Hant': '制度建設', en: 'Rules and oversight' }, hint: '内部管理和监督制度完善，问题受理、整改和反馈机制健全' },
    { id: 'service', label: '服务发展', labels: { 'zh-Hant': '服務發展', en: 'Service' }, hint: '主动为市场主体和群众提供便利、公正、有效的服务' },
    { id: 'conduct', label: '改进作风', labels: { 'zh-Hant': '改進作風', en: 'Conduct' }, hint: '落实八项规定，克服官僚主义、形式主义' },
    { id: 'welfare', label: '维护民利', labels: { 'zh-Hant': '維護民利', en: 'Public interest' }, hint: '落实惠民政策，为群众办实事，纠正损害群众利益的不正之风' },
  ],
  scale: [
    { key: 'very', label: '满意', score: 100, labels: { 'zh-Hant': '滿意', en: 'Satisfied' } },
    { key: 'fairly', label: '较满意', score: 80, labels: { 'zh-Hant': '較滿意', en: 'Fairly satisfied' } },
    { key: 'neutral', label: '一般', score: 60, labels: { 'zh-Hant': '一般', en: 'Neutral' } },
    { key: 'less', label: '不太满意', score: 40, labels: { 'zh-Hant': '不太滿意', en: 'Not very satisfied' } },
    { key: 'dissatisfied', label: '不满意', score: 20, labels: { 'zh-Hant': '不滿意', en: 'Dissatisfied' } },
    { key: 'unknown', label: '不了解', score: null, labels: { 'zh-Hant': '不了解', en: 'Don’t know' } },
  ],
  raterGroups: [
    { id: 'expert', label: '专家代表', weight: 0.3, labels: { 'zh-Hant': '專家代表', en: 'Experts' } },
    { id: 'public', label: '群众代表', weight: 0.3, labels: { 'zh-Hant': '群眾代表', en: 'Public representatives' } },
    { id: 'client', label: '服务对象', weight: 0.4, labels: { 'zh-Hant': '服務對象', en: 'Service users' } },
  ],
  checks: [
    { id: 'bribe', label: '是否遇到吃拿卡要', labels: { 'zh-Hant': '是否遇到吃拿卡要', en: 'Asked for bribes or gifts?' } },
    { id: 'fees', label: '是否遇到乱收费、乱罚款', labels: { 'zh-Hant': '是否遇到亂收費、亂罰款', en: 'Charged or fined without grounds?' } },
    { id: 'shirk', label: '是否遇到推诿扯皮', labels: { 'zh-Hant': '是否遇到推諉扯皮', en: 'Passed from desk to desk?' } },
  ],
  findingCategories: [
    { id: 'attitude', label: '门难进、脸难看、事难办', labels: { 'zh-Hant': '門難進、臉難看、事難辦', en: 'Unwelcoming, unhelpful' } },
    { id: 'bribe', label: '吃拿卡要', labels: { 'zh-Hant': '吃拿卡要', en: 'Bribes and favours' } },
    { id: 'fees', label: '乱收费、乱罚款、乱摊派', labels: { 'zh-Hant': '亂收費、亂罰款、亂攤派', en: 'Unlawful fees and fines' } },
    { id: 'shirk', label: '推诿扯皮', labels: { 'zh-Hant': '推諉扯皮', en: 'Shirking' } },
    { id: 'inaction', label: '不作为、慢作为、乱作为', labels: { 'zh-Hant': '不作為、慢作為、亂作為', en: 'Inaction or misconduct' } },
    { id: 'discipline', label: '工作纪律', labels: { 'zh-Hant': '工作紀律', en: 'Work discipline' } },
    { id: 'disclosure', label: '政务公开不到位', labels: { 'zh-Hant': '政務公開不到位', en: 'Poor disclosure' } },
  ],
  severities: [
    { id: 'minor', label: '一般', labels: { 'zh-Hant': '一般', en: 'Minor' } },
    { id: 'serious', label: '较重', labels: { 'zh-Hant': '較重', en: 'Serious' } },
    { id: 'grave', label: '严重', labels: { 'zh-Hant': '嚴重', en: 'Grave' } },
  ],
  minSamplePerGroup: 30,
  scoring: {
    components: [
      { id: 'daily', label: '日常考评', max: 20, parts: [{ from: 'manual', id: 'daily', label: '日常考评', weight: 1 }] },
      {
        id: 'public',
        label: '群众评议',
        max: 80,
        parts: [
          { from: 'survey', weight: 0.5 },
          { from: 'manual', id: 'network', label: '网络测评', weight: 0.5 },
        ],
      },
    ],
    bonus: { label: '专项治理加分', byRank: [0.5, 0.4, 0.3], component: 'daily' },
  },
  encryptionKey: {
    kty: 'EC',
    crv: 'P-256',
    x: 'wtRvSk4feiRhJJBvf3-otM2zjUldu_KiYGjtG_r_ucs',
    y: 'a9plbK87zFWJULWL-6R4ZcNzhtSB1MZIBAoiiE3KtGw',
  },
  stages: [
    { id: 'mobilise', label: '动员部署', from: '2026-05-01', to: '2026-05-31' },
    { id: 'topics', label: '确定选题', from: '2026-06-01', to: '2026-06-30' },
    { id: 'findings', label: '查找问题', from: '2026-07-01', to: '2026-08-31' },
    { id: 'rectify', label: '落实整改', from: '2026-09-01', to: '2026-10-31' },
    { id: 'review', label: '年终考评', from: '2026-11-01', to: '2026-12-31' },
  ],
};

/** The published training key for the demo campaign's confidential fields: for practice only. */
export const DEMO_CAMPAIGN_PRIVATE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'wtRvSk4feiRhJJBvf3-otM2zjUldu_KiYGjtG_r_ucs',
  y: 'a9plbK87zFWJULWL-6R4ZcNzhtSB1MZIBAoiiE3KtGw',
  d: '4QcC1C1X7fV4tsiX3Wff4bOiGPcpnspNXm-2YGE6EOY',
} as const;
