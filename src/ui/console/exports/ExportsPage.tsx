import { defineMessages, useT } from '../../i18n';
import type { ExportFormat } from '../api-types';
import { useConsole } from '../context';
import { PageHead } from '../ui';

export const exportMessages = defineMessages('ui/console/exports/ExportsPage', {
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
      <PageHead title={t('heading')} intro={t('intro')} />
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
