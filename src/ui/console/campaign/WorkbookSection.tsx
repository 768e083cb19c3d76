import { useState } from 'preact/hooks';
import { campaignChanges, withoutVersion } from '../../../domain/campaign-diff';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { Button } from '../ui';
import { ChangeList } from './ChangeList';
import { setupMessages } from './messages';
import { SaveFlow } from './SaveFlow';
import type { WorkbookProblem } from './workbook';

/** Excel in and out: the definition as a workbook, and a workbook read back, checked, compared and saved. */
export function WorkbookSection({ campaign, onSaved }: { campaign: Campaign; onSaved(): void }) {
  const t = useT(setupMessages);
  const [read, setRead] = useState<{ draft: Campaign } | { problems: WorkbookProblem[] } | null>(null);
  // exceljs is large: loaded only when the office exports or imports.
  const workbook = () => import('./workbook');

  const download = async () => {
    const bytes = await (await workbook()).campaignToWorkbook(withoutVersion(campaign));
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `${campaign.id}-v${campaign.version ?? 1}.xlsx` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    const r = await (await workbook()).campaignFromWorkbook(new Uint8Array(await file.arrayBuffer()));
    setRead(r.ok ? { draft: (await workbook()).withUnsheeted(r.campaign, campaign) } : { problems: r.problems });
  };

  return (
    <section aria-labelledby="workbook-title">
      <h2 id="workbook-title">{t('workbook')}</h2>
      <p class="c-muted">{t('workbookHint')}</p>
      <Button onClick={download} data-testid="export-xlsx">
        {t('exportXlsx')}
      </Button>{' '}
      <label class="c-btn c-btn-plain">
        {t('importXlsx')}
        <input type="file" accept=".xlsx" hidden data-testid="import-xlsx" onChange={(e) => void upload(e.currentTarget.files?.[0])} />
      </label>
      {read && 'problems' in read && (
        <div class="c-banner c-banner-error" role="alert" data-testid="workbook-problems">
          <p>{t('problems')}</p>
          <ul>
            {read.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {read && 'draft' in read && (
        <div>
          <p>{t('changesFound')}</p>
          <ChangeList changes={campaignChanges(campaign, read.draft)} testId="import-changes" />
          <SaveFlow draft={read.draft} current={campaign} onSaved={onSaved} />
        </div>
      )}
    </section>
  );
}
