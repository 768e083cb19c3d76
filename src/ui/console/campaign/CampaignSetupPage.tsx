import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { useConsole, useLoad } from '../context';
import { ErrorBanner, Loading } from '../ui';
import { setupMessages } from './messages';
import { EditSection } from './EditSection';
import { NewCampaignSection } from './NewCampaignSection';
import { PasteUnitsSection } from './PasteUnitsSection';
import { VersionsSection } from './VersionsSection';
import { VetoSection } from './VetoSection';
import { WorkbookSection } from './WorkbookSection';

/**
 * 活动设置 (a chunk of its own, loaded when opened): the versions of the campaign in view with the
 * changes between them, the definition as an Excel workbook in and out, and new campaigns from
 * templates. Every save goes through the server's schema and guards.
 */
export default function CampaignSetupPage() {
  const { api, campaign, campaigns } = useConsole();
  const t = useT(setupMessages);
  const [refresh, setRefresh] = useState(0);
  // The definition in force, read again after each save.
  const current = useLoad(
    () => api.campaignVersions(campaign!.id).then((v) => api.campaignVersion(campaign!.id, v.at(-1)!.version)),
    [api, campaign?.id, refresh],
  );
  if (!campaign) return null;
  return (
    <div class="c-page c-setup">
      <h1>{t('heading')}</h1>
      {current.error != null && <ErrorBanner error={current.error} onRetry={current.reload} />}
      {!current.data && !current.error && <Loading />}
      {current.data && (
        <>
          <VersionsSection campaign={current.data} refresh={refresh} />
          <EditSection campaign={current.data} onSaved={() => setRefresh((n) => n + 1)} />
          <VetoSection campaign={current.data} />
          <PasteUnitsSection campaign={current.data} onSaved={() => setRefresh((n) => n + 1)} />
          <WorkbookSection campaign={current.data} onSaved={() => setRefresh((n) => n + 1)} />
          <NewCampaignSection current={current.data} existing={campaigns.map((c) => c.id)} />
        </>
      )}
    </div>
  );
}
