import { useEffect, useState } from 'preact/hooks';
import { isPersisted, requestPersist, storageEstimate, type StorageApi, type StorageEstimateResult } from '../../../platform/storage';
import { Button } from '../../components/Button';
import { formatBytes } from '../../components/format';
import { Icon } from '../../components/icons';
import { useT } from '../../i18n';
import { HOME } from './messages';

type Persistence = 'checking' | 'persisted' | 'refused' | 'unsupported';

/**
 * Storage used and free, and whether the browser may evict the data. Asks for persistent storage
 * once when it is not granted yet; if refused, says how to get it (install to the home screen).
 */
export function StorageCard(props: { storage: StorageApi | undefined }) {
  const t = useT(HOME);
  const { storage } = props;
  const [estimate, setEstimate] = useState<StorageEstimateResult>();
  const [persistence, setPersistence] = useState<Persistence>('checking');

  const ask = async () => {
    const granted = await requestPersist(storage);
    setPersistence(granted === undefined ? 'unsupported' : granted ? 'persisted' : 'refused');
  };

  useEffect(() => {
    let live = true;
    void storageEstimate(storage).then((e) => live && setEstimate(e));
    void isPersisted(storage).then(async (p) => {
      if (!live) return;
      if (p === undefined) setPersistence('unsupported');
      else if (p) setPersistence('persisted');
      else await ask();
    });
    return () => {
      live = false;
    };
    // Once per visit of the screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [storage]);

  const pct = estimate && estimate.quota > 0 ? Math.min(100, (estimate.usage / estimate.quota) * 100) : 0;
  return (
    <section class="card" aria-labelledby="storage-title">
      <h2 id="storage-title">
        <Icon name="storage" />
        {t('storage')}
      </h2>
      {estimate ? (
        <>
          <div class="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label={t('storage')}>
            <span style={{ width: `${Math.max(pct, 1)}%` }} />
          </div>
          <p>{t('used', { used: formatBytes(estimate.usage), free: formatBytes(Math.max(0, estimate.quota - estimate.usage)) })}</p>
        </>
      ) : (
        <p class="muted">{t('unknownUsage')}</p>
      )}
      <div data-testid="persistence" data-state={persistence}>
        {persistence === 'checking' && <p class="muted">{t('checking')}</p>}
        {persistence === 'persisted' && <p>{t('persisted')}</p>}
        {persistence === 'unsupported' && <p>{t('unsupported')}</p>}
        {persistence === 'refused' && (
          <>
            <p>{t('refused')}</p>
            <p>
              <strong>{t('refusedWhat')}</strong>
            </p>
            <Button onClick={ask}>{t('tryAgain')}</Button>
          </>
        )}
      </div>
    </section>
  );
}
