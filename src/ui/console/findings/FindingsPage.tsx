import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { useConsole, useLoad } from '../context';
import { LoadStatus, PageHead, UnitSelect } from '../ui';
import { effectiveFinding } from './effective';
import { FindingCard } from './FindingCard';
import { KeyPanel } from './KeyPanel';
import type { CampaignKey, KeyFileOpener } from './keyring';
import { findingMessages } from './messages';
import { openKeyFile } from './openKeyFile';

/**
 * Inspection findings (visit records with their corrections). With the campaign key unlocked,
 * each finding's confidential part and sealed photos are decrypted here in the browser.
 */
export function FindingsPage(props: { campaignKey: CampaignKey | null; onKey(k: CampaignKey | null): void; open?: KeyFileOpener }) {
  const t = useT(findingMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const [unitId, setUnitId] = useState('');
  const [showVoided, setShowVoided] = useState(false);
  const list = useLoad(() => api.findings(c.id), [api, c.id]);
  // Newest first: the office reads today's findings before last month's.
  const items = [...(list.data ?? [])]
    .reverse()
    .filter((f) => (showVoided || !f.voided) && (!unitId || (effectiveFinding(f).shown.body as { unitId?: string }).unitId === unitId));

  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')} />
      <KeyPanel campaign={c} campaignKey={props.campaignKey} open={props.open ?? openKeyFile} onKey={props.onKey} />
      <div class="c-filters">
        <label class="c-inline">
          <span>{t('unit')}</span>
          <UnitSelect units={c.units} value={unitId} onChange={setUnitId} none="—" />
        </label>
        <label class="c-inline">
          <input type="checkbox" checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} />
          <span>{t('showVoided')}</span>
        </label>
        <span class="c-muted">{t('count', { n: items.length })}</span>
      </div>
      <LoadStatus load={list} />
      {list.data && items.length === 0 && <p class="c-empty">{t('none')}</p>}
      <div class="c-findings">
        {items.map((f) => (
          <FindingCard key={f.hash} finding={f} campaign={c} campaignKey={props.campaignKey} />
        ))}
      </div>
    </section>
  );
}
