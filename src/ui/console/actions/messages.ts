import { defineMessages } from '../../i18n';

export const actionMessages = defineMessages('ui/console/actions/messages', {
  'zh-Hans': {
    heading: '操作记录',
    intro: '办公室的每一项决定（活动定义、手工评分、一票否决、登记码、撤销设备、账号）都写入审计日志，与采集记录在同一棵默克尔树中，事后可核验。',
    at: '时间',
    actor: '操作人',
    what: '操作',
    logIndex: '日志序号',
    more: '加载更多',
    none: '还没有操作记录。',
    adminToken: '管理令牌',
    adminCli: '命令行',
    campaignVersion: '保存活动“{campaign}”的定义第 {version} 版',
    vetoes: '活动“{campaign}”一票否决：否决 {imposed}；撤销 {lifted}',
    manualScores: '录入活动“{campaign}”的手工评分（第 {version} 版）',
    enrollmentCode: '为 {collector}（{role}）发放活动“{campaign}”的登记码，有效至 {until}',
    revokeDevice: '撤销设备“{label}”（采集人 {collector}）',
    accountCreated: '创建账号 {username}（{role}）',
    accountDisabled: '停用账号 {username}',
    opinionTags: '活动“{campaign}”甄别 {n} 条意见：{tags}',
    substantiated: '属实',
    unsubstantiated: '不属实',
    suggestion: '建议',
    praise: '表扬',
    duplicate: '重复',
    other: '{action}',
    nothing: '无',
    roleOfficeAdmin: '办公室管理员',
    roleCoordinator: '协调员',
  },
});

export type ActionKey = keyof (typeof actionMessages)['zh-Hans'];
