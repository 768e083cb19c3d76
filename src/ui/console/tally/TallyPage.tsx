import { useContext, useEffect, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { SignedTally } from '../api-types';
import { useConsole, useLoad } from '../context';
import { LoadStatus, PageHead, fmtTime } from '../ui';
import { ManualScoresForm } from './ManualScoresForm';
import { ResultsPanel } from './ResultsPanel';
import { tallyMessages } from './messages';
import { TallyCharts } from './TallyCharts';
import { DimensionTable, TallyTable } from './TallyTable';
import { verifyTallySignature, type TallySignature } from './verify';

/** What the tally stands on: the audit log it was computed over, and whether its signature verifies. */
function Provenance({ signed }: { signed: SignedTally }) {
  const t = useT(tallyMessages);
  const lang = useContext(LangContext);
  const { api } = useConsole();
  const [sig, setSig] = useState<{ state: TallySignature | 'checking' | 'error'; keyId?: string }>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    setSig({ state: 'checking' });
    api
      .serverKey()
      .then(async (key) => ({ state: await verifyTallySignature(signed, key), keyId: key.keyId }))
      .then(
        (r) => live && setSig(r),
        () => live && setSig({ state: 'error' }),
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [signed]);
  const { tally } = signed;
  return (
    <div class="c-provenance">
      <p>{t('computedAt', { when: fmtTime(tally.computedAt, lang) })}</p>
      {tally.campaignVersion !== undefined && (
        <p data-testid="tally-version">
          {t('campaignVersion', { version: tally.campaignVersion })}
          <code class="c-mono" title={tally.campaignHash}>
            {tally.campaignHash.slice(0, 16)}…
          </code>
        </p>
      )}
      <p>
        {t('logLine', { size: tally.logSize })}
        <code class="c-mono" title={tally.logRoot}>
          {tally.logRoot}
        </code>
      </p>
      {sig.state === 'checking' && <p class="c-muted">{t('sigChecking')}</p>}
      {sig.state === 'ok' && (
        <p class="c-banner c-banner-ok" role="status" data-testid="sig-ok">
          ✓ {t('sigOk', { keyId: sig.keyId ?? '' })}
        </p>
      )}
      {(sig.state === 'bad' || sig.state === 'error') && (
        <p class="c-banner c-banner-error" role="alert">
          {t('sigBad')}
        </p>
      )}
      {sig.state === 'key-mismatch' && (
        <p class="c-banner c-banner-error" role="alert">
          {t('sigKeyBad')}
        </p>
      )}
    </div>
  );
}

/** The signed tally: ranking table, charts, dimensions, and (office admins) the manual scores. */
export function TallyPage() {
  const t = useT(tallyMessages);
  const { api, me, campaign } = useConsole();
  const signed = useLoad(() => api.tally(campaign!.id), [api, campaign!.id]);
  if (!campaign) return null;
  return (
    <section>
      <PageHead title={t('heading')} />
      <LoadStatus load={signed} />
      {signed.data && (
        <>
          <Provenance signed={signed.data} />
          {me.role === 'office-admin' && signed.data.tally.units.length > 0 && <ResultsPanel provisional={signed.data.tally.provisional} />}
          {signed.data.tally.provisional && (
            <p class="c-banner c-banner-warn" role="status" data-testid="provisional">
              <strong>{t('provisionalTag')}</strong> {t('provisional', { n: signed.data.tally.units.reduce((n, u) => n + (u.counts?.held ?? 0), 0) })}{' '}
              <a href="#/console/review">{t('toReview')}</a>
            </p>
          )}
          {signed.data.tally.units.length === 0 ? (
            <p class="c-empty">{t('noUnits')}</p>
          ) : (
            <>
              <TallyTable tally={signed.data.tally} campaign={campaign} years={signed.data.years} />
              <TallyCharts tally={signed.data.tally} campaign={campaign} />
              <details class="c-card">
                <summary>{t('dimensions')}</summary>
                <DimensionTable tally={signed.data.tally} campaign={campaign} />
              </details>
            </>
          )}
        </>
      )}
      {me.role === 'office-admin' && <ManualScoresForm campaign={campaign} onSaved={signed.reload} />}
    </section>
  );
}
