import { defineMessages, useT } from '../../i18n';
import type { ExportFormat } from '../api-types';
import { useConsole } from '../context';

export const exportMessages = defineMessages({
  'zh-Hans': {
    heading: '导出',
    intro: '导出当前评议活动的全部已收记录。下载使用您的登录状态，文件不经过第三方。',
    csv: 'CSV 表格',
    csvFor: '每条记录一行，编号换成文字，每项评议内容和核查问题各占一列；加密内容保持密文。可用 WPS、Excel 或统计软件打开，自行汇总和核对。',
    xlsx: 'Excel 工作簿（XLSX）',
    xlsxFor: '与 CSV 相同的表格，Excel 工作簿格式，适合打印、存档和向上级报送。',
    jsonl: '公证核验文件（JSONL）',
    jsonlFor:
      '记录与服务器收到的内容逐字节一致，附设备签名、审计日志检查点和签名的统计结果。公证人员用 npm run verify 独立核验签名和链，重算根哈希和统计结果。',
    archive: '证据归档（ZIP）',
    archiveFor:
      '活动结束时存档：公证核验文件、全部照片（暗访照片保持密文）、活动定义的每个版本、办公室操作记录、带哈希和服务器签名的清单，以及中文说明（如何核验和解密）。npm run verify 可直接核验整个归档。',
    download: '下载',
  },
  'zh-Hant': {
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
  },
  en: {
    heading: 'Exports',
    intro: 'Export every record received for the current campaign. The download uses your sign-in; the file passes through no third party.',
    csv: 'CSV table',
    csvFor:
      'One row per record, ids turned into labels, a column per dimension and check; confidential parts stay encrypted. Opens in WPS, Excel or statistics software for your own sums and checks.',
    xlsx: 'Excel workbook (XLSX)',
    xlsxFor: 'The same table as an Excel workbook, for printing, filing and reporting upwards.',
    jsonl: 'Notary file (JSONL)',
    jsonlFor:
      'The records byte for byte as received, with the device signatures, the signed audit-log checkpoint and the signed tally. A notary runs npm run verify on it to check signatures and chains and recompute the root hash and the tally independently.',
    archive: 'Evidence archive (ZIP)',
    archiveFor:
      'For filing at the end of a campaign: the notary file, every photo (covert ones still encrypted), every version of the campaign definition, the office actions, a manifest with hashes signed by the server, and a README in Chinese on verifying and decrypting. npm run verify checks the whole archive.',
    download: 'Download',
  },
});

const FORMATS: { id: ExportFormat; title: 'csv' | 'xlsx' | 'jsonl'; purpose: 'csvFor' | 'xlsxFor' | 'jsonlFor' }[] = [
  { id: 'csv', title: 'csv', purpose: 'csvFor' },
  { id: 'xlsx', title: 'xlsx', purpose: 'xlsxFor' },
  { id: 'jsonl', title: 'jsonl', purpose: 'jsonlFor' },
];

/** Download links to the export route, each with what the file is for. */
export function ExportsPage() {
  const t = useT(exportMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  return (
    <section>
      <div class="c-page-head">
        <h1>{t('heading')}</h1>
      </div>
      <p class="c-muted">{t('intro')}</p>
      <div class="c-exports">
        {FORMATS.map((f) => (
          <div key={f.id} class="c-card c-export">
            <h2>{t(f.title)}</h2>
            <p>{t(f.purpose)}</p>
            <a class="c-btn c-btn-primary" href={api.exportUrl(c.id, f.id)} download={`${c.id}.${f.id}`} data-format={f.id}>
              {t('download')} .{f.id}
            </a>
          </div>
        ))}
        <div class="c-card c-export">
          <h2>{t('archive')}</h2>
          <p>{t('archiveFor')}</p>
          <a class="c-btn c-btn-primary" href={api.archiveUrl(c.id)} download={`${c.id}-archive.zip`} data-format="archive">
            {t('download')} .zip
          </a>
        </div>
      </div>
    </section>
  );
}
