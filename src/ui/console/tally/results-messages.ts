import { defineMessages } from '../../i18n';

export const resultsMessages = defineMessages({
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
  },
  'zh-Hant': {
    heading: '通報與公示',
    report: '產生通報（列印 / PDF）',
    reportHint: '在新頁面開啟通報：A4 橫向，含頁碼，前三名和後三名已標出；用瀏覽器的「列印」列印或另存為 PDF。',
    xlsx: '下載通報 Excel',
    publish: '發布（公示）',
    publishTitle: '發布統計結果',
    publishBody:
      '將目前已簽章的統計結果公開：任何人無需登入即可在公示頁查看排名並核驗簽章。公示內容不含採集人員、裝置或問卷內容。發布記入操作記錄；之後可再次發布，公示頁以最新一次為準。',
    publishProvisional: '尚有問卷待審核，統計結果為暫定：請先在「審核」中處理，再發布。',
    confirm: '確認發布',
    cancel: '取消',
    publishing: '正在發布…',
    published: '已發布第 {version} 版（{when}），公示頁：',
    notPublished: '尚未發布。',
    lastPublished: '目前公示為第 {version} 版，由 {who} 於 {when} 發布，依據稽核日誌前 {size} 筆。',
    publicPage: '開啟公示頁',
  },
  en: {
    heading: 'Report and publication',
    report: 'Make the report (print / PDF)',
    reportHint:
      'Opens the report (通报) in a new page: A4 landscape, page numbers, the first and last three marked; print it or save it as PDF from the browser.',
    xlsx: 'Download the report (Excel)',
    publish: 'Publish (公示)',
    publishTitle: 'Publish the tally',
    publishBody:
      'Makes the current signed tally public: anyone can see the ranking on the public page and check its signature, without signing in. Nothing of the collectors, devices or questionnaires is in it. Publishing is logged; you can publish again later, and the public page shows the latest.',
    publishProvisional: 'Questionnaires are held for review, so the tally is provisional: decide them in Review first, then publish.',
    confirm: 'Publish',
    cancel: 'Cancel',
    publishing: 'Publishing…',
    published: 'Published as version {version} ({when}); the public page:',
    notPublished: 'Not published yet.',
    lastPublished: 'Version {version} is public, published by {who} on {when}, over the first {size} entries of the audit log.',
    publicPage: 'Open the public page',
  },
});
