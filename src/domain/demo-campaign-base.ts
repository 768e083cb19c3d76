import type { Campaign } from './campaign';

/**
 * The demo campaign without its translated labels (src/domain/demo-campaign.ts has the whole
 * definition): what the practice session starts with, so that a first visit loads no more than it
 * shows. The field app adds the labels (demo-campaign-labels.ts) when it speaks zh-Hant or English.
 */
export const DEMO_CAMPAIGN_BASE: Campaign = {
  id: 'demo',
  name: '城管局民主评议政风行风（演示）',
  year: 2026,
  issuer: '市纠风办',
  units: [
    { id: 'office', name: '局办公室', category: '机关科室' },
    { id: 'law', name: '政策法规科', category: '机关科室' },
    { id: 'cityscape', name: '市容管理科', category: '机关科室' },
    { id: 'inspect', name: '督查科', category: '机关科室' },
    { id: 'approval', name: '行政审批窗口', category: '窗口单位' },
    { id: 'brigade1', name: '执法一大队', category: '行政执法类' },
    { id: 'brigade2', name: '执法二大队', category: '行政执法类' },
    { id: 'brigade3', name: '执法三大队', category: '行政执法类' },
    { id: 'muck', name: '渣土管理大队', category: '行政执法类' },
  ],
  dimensions: [
    { id: 'openness', label: '信息公开', hint: '政策法规、办事流程、办理时限、服务承诺等应公开尽公开' },
    { id: 'lawful', label: '依法办事', hint: '严格依法依规办事，无滥用职权、执法不严、乱收费、乱罚款' },
    { id: 'efficiency', label: '办事效率', hint: '优化服务流程，减少办事时限，投诉件按时办结' },
    { id: 'integrity', label: '廉洁自律', hint: '忠于职守、廉洁奉公，无徇私舞弊、吃拿卡要' },
    { id: 'system', label: '制度建设', hint: '内部管理和监督制度完善，问题受理、整改和反馈机制健全' },
    { id: 'service', label: '服务发展', hint: '主动为市场主体和群众提供便利、公正、有效的服务' },
    { id: 'conduct', label: '改进作风', hint: '落实八项规定，克服官僚主义、形式主义' },
    { id: 'welfare', label: '维护民利', hint: '落实惠民政策，为群众办实事，纠正损害群众利益的不正之风' },
  ],
  scale: [
    { key: 'very', label: '满意', score: 100 },
    { key: 'fairly', label: '较满意', score: 80 },
    { key: 'neutral', label: '一般', score: 60 },
    { key: 'less', label: '不太满意', score: 40 },
    { key: 'dissatisfied', label: '不满意', score: 20 },
    { key: 'unknown', label: '不了解', score: null },
  ],
  raterGroups: [
    { id: 'expert', label: '专家代表', weight: 0.3 },
    { id: 'public', label: '群众代表', weight: 0.3 },
    { id: 'client', label: '服务对象', weight: 0.4 },
  ],
  checks: [
    { id: 'bribe', label: '是否遇到吃拿卡要' },
    { id: 'fees', label: '是否遇到乱收费、乱罚款' },
    { id: 'shirk', label: '是否遇到推诿扯皮' },
  ],
  findingCategories: [
    { id: 'attitude', label: '门难进、脸难看、事难办' },
    { id: 'bribe', label: '吃拿卡要' },
    { id: 'fees', label: '乱收费、乱罚款、乱摊派' },
    { id: 'shirk', label: '推诿扯皮' },
    { id: 'inaction', label: '不作为、慢作为、乱作为' },
    { id: 'discipline', label: '工作纪律' },
    { id: 'disclosure', label: '政务公开不到位' },
  ],
  severities: [
    { id: 'minor', label: '一般' },
    { id: 'serious', label: '较重' },
    { id: 'grave', label: '严重' },
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
