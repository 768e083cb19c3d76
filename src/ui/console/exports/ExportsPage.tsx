import { defineMessages, useT } from '../../i18n';
import type { ExportFormat } from '../api-types';
import { useConsole } from '../context';

export const exportMessages = defineMessages({
  'zh-Hans': {
    heading: '导出',
    intro: '导出当前评议活动的全部已收记录。下载使用您的登录状态，文件不经过第三方。',
    csv: 'CSV 表格',
    csvFor: '每份问卷一行，可用 WPS、Excel 或统计软件打开，便于自行汇总和核对。',
    xlsx: 'Excel 工作簿（XLSX）',
    xlsxFor: '按记录类型分表，附统计结果，适合打印、存档和向上级报送。',
    jsonl: '公证核验文件（JSONL）',
    jsonlFor: '与服务器收到的内容逐字节一致，附设备签名和审计日志。公证人员用 npm run verify 独立重算统计结果，核对签名与根哈希。',
    download: '下载',
  },
  'zh-Hant': {
    heading: '匯出',
    intro: '匯出目前評議活動的全部已收記錄。下載使用您的登入狀態，檔案不經過第三方。',
    csv: 'CSV 表格',
    csvFor: '每份問卷一列，可用 WPS、Excel 或統計軟體開啟，便於自行彙總和核對。',
    xlsx: 'Excel 活頁簿（XLSX）',
    xlsxFor: '按記錄類型分表，附統計結果，適合列印、存檔和向上級報送。',
    jsonl: '公證核驗檔案（JSONL）',
    jsonlFor: '與伺服器收到的內容逐位元組一致，附裝置簽章和稽核日誌。公證人員用 npm run verify 獨立重算統計結果，核對簽章與根雜湊。',
    download: '下載',
  },
  en: {
    heading: 'Exports',
    intro: 'Export every record received for the current campaign. The download uses your sign-in; the file passes through no third party.',
    csv: 'CSV table',
    csvFor: 'One row per questionnaire; opens in WPS, Excel or statistics software for your own sums and checks.',
    xlsx: 'Excel workbook (XLSX)',
    xlsxFor: 'A sheet per record type with the tally; for printing, filing and reporting upwards.',
    jsonl: 'Notary file (JSONL)',
    jsonlFor: 'Byte for byte what the server received, with the device signatures and the audit log. A notary runs npm run verify on it to recompute the tally independently and check the signatures and root hash.',
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
      </div>
    </section>
  );
}
