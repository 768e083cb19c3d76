import type { Strings } from '../../i18n';
import type { exportMessages } from './ExportsPage';

export default {
  heading: '匯出',
  intro: '匯出目前評議活動的全部已收記錄。下載使用您的登入狀態，檔案不經過第三方。',
  csv: 'CSV 表格',
  csvFor: '每筆記錄一列，編號換成文字，每項評議內容和核查問題各佔一欄；加密內容保持密文。可用 WPS、Excel 或統計軟體開啟，自行彙總和核對。',
  xlsx: 'Excel 活頁簿（XLSX）',
  xlsxFor: '與 CSV 相同的表格，Excel 活頁簿格式，適合列印、存檔和向上級報送。',
  jsonl: '公證核驗檔案（JSONL）',
  jsonlFor:
    '記錄與伺服器收到的內容逐位元組一致，附裝置簽章、稽核日誌檢查點和簽章的統計結果。公證人員用 npm run verify 獨立核驗簽章和鏈，重算根雜湊和統計結果。',
  archive: '證據歸檔（ZIP）',
  archiveFor:
    '活動結束時存檔：公證核驗檔案、全部照片（暗訪照片保持密文）、活動定義的每個版本、辦公室操作記錄、附雜湊和伺服器簽章的清單，以及中文說明（如何核驗和解密）。npm run verify 可直接核驗整個歸檔。',
  download: '下載',
} satisfies Strings<typeof exportMessages>;
