import { defineMessages } from '../../i18n';

export const resultsMessages = defineMessages('ui/console/tally/results-messages', {
  'zh-Hans': {
    heading: '通报与公示',
    report: '生成通报（打印 / PDF）',
    reportHint: '在新页面打开通报：A4 横向，含页码，前三名和后三名已标出；用浏览器的“打印”打印或另存为 PDF。',
    xlsx: '下载通报 Excel',
    publish: '发布（公示）',
    publishTitle: '发布统计结果',
    publishBody:
      '将当前已签名的统计结果公开：任何人无需登录即可在公示页查看排名并核验签名。公示内容不含采集人员、设备或问卷内容。发布记入操作记录；之后可再次发布，公示页以最新一次为准。',
    publishProvisional: '尚有问卷待审核，统计结果为暂定：请先在“审核”中处理，再发布。',
    confirm: '确认发布',
    cancel: '取消',
    publishing: '正在发布…',
    published: '已发布第 {version} 版（{when}），公示页：',
    notPublished: '尚未发布。',
    lastPublished: '当前公示为第 {version} 版，由 {who} 于 {when} 发布，依据审计日志前 {size} 条。',
    publicPage: '打开公示页',
    withdraw: '撤回公示',
    withdrawTitle: '撤回公示',
    withdrawBody:
      '撤回后公示页不再显示排名，只说明公示已于何时撤回；公示数据接口与从未发布时相同（404）。撤回及理由记入操作记录，可由核验文件复核；理由不在公示页显示。之后可再次发布。',
    withdrawReason: '撤回理由（必填）',
    withdrawConfirm: '确认撤回',
    withdrawing: '正在撤回…',
    withdrawn: '第 {version} 版公示已由 {who} 于 {when} 撤回，理由：{reason}。目前没有公示结果。',
  },
});
