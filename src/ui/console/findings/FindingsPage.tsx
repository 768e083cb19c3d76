import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { Cursor, ReceivedRecord } from '../api-types';
import { useConsole, useRefused } from '../context';
import { Button, ErrorBanner, Loading } from '../ui';
import { FindingCard } from './FindingCard';
import { KeyPanel } from './KeyPanel';
import type { CampaignKey, KeyFileOpener } from './keyring';
import { findingMessages } from './messages';
import { openKeyFile } from './openKeyFile';

const PAGE = 20;

/**
 * Inspection findings (visit records), newest pages loaded on demand. With the campaign key
 * unlocked, each finding's confidential part and sealed photos are decrypted here in the browser.
 */
export function FindingsPage(props: { campaignKey: CampaignKey | null; onKey(k: CampaignKey | null): void; open?: KeyFileOpener }) {
  const t = useT(findingMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const c = campaign!;
  const [unitId, setUnitId] = useState('');
  const [items, setItems] = useState<ReceivedRecord[]>([]);
  const [next, setNext] = useState<Cursor | null>(null);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<unknown>(null);

  async function load(after: Cursor | null, replace: boolean) {
    setBusy(true);
    setError(null);
    try {
      const page = await api.records({ campaignId: c.id, type: 'visit', unitId }, after, PAGE);
      setItems((cur) => (replace ? page.records : [...cur, ...page.records]));
      setNext(page.next);
    } catch (e) {
      const shown = await refused(e);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => void load(null, true), [c.id, unitId]);

  return (
    <section>
      <div class="c-page-head">
        <h1>{t('heading')}</h1>
      </div>
      <p class="c-muted">{t('intro')}</p>
      <KeyPanel campaign={c} campaignKey={props.campaignKey} open={props.open ?? openKeyFile} onKey={props.onKey} />
      <div class="c-filters">
        <label class="c-inline">
          <span>{t('unit')}</span>
          <select value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="">—</option>
            {c.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <span class="c-muted">{t('count', { n: items.length })}</span>
      </div>
      {error != null && <ErrorBanner error={error} onRetry={() => load(null, true)} />}
      {!busy && !error && items.length === 0 && <p class="c-empty">{t('none')}</p>}
      <div class="c-findings">
        {items.map((x) => (
          <FindingCard key={x.hash} item={x} campaign={c} campaignKey={props.campaignKey} />
        ))}
      </div>
      {busy && <Loading />}
      {!busy && next != null && <Button onClick={() => load(next, false)}>{t('more')}</Button>}
    </section>
  );
}
