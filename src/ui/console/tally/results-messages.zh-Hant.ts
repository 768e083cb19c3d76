import type { Strings } from '../../i18n';
import type { resultsMessages } from './results-messages';

export default {
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
  withdraw: '撤回公示',
  withdrawTitle: '撤回公示',
  withdrawBody:
    '撤回後公示頁不再顯示排名，只說明公示已於何時撤回；公示資料介面與從未發布時相同（404）。撤回及理由記入操作記錄，可由核驗檔案複核；理由不在公示頁顯示。之後可再次發布。',
  withdrawReason: '撤回理由（必填）',
  withdrawConfirm: '確認撤回',
  withdrawing: '正在撤回…',
  withdrawn: '第 {version} 版公示已由 {who} 於 {when} 撤回，理由：{reason}。目前沒有公示結果。',
} satisfies Strings<typeof resultsMessages>;
