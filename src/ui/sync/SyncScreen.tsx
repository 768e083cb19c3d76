import { useCallback, useEffect, useState } from 'preact/hooks';
import { countByCampaign, countPendingBlobs, type CampaignSyncCounts } from '../../sync/outbox';
import type { OutboxResult } from '../../sync/run';
import { syncNow } from '../../sync/scheduler';
import { readEnrollment, readOutboxState, readServerKey, type Enrollment, type OutboxProgress, type ServerKey } from '../../sync/state';
import { Banner } from '../components/Banner';
import { Button, LinkButton } from '../components/Button';
import { formatDateTime } from '../components/format';
import { useLiveQuery } from '../components/useLiveQuery';
import { useApp, type ScreenProps } from '../context';
import { useT } from '../i18n';
import { CampaignUpdateCard } from '../campaign/CampaignUpdateCard';
import { RefusalCard } from './RefusalCard';
import { RelayExport, RelayImport } from './RelayPanel';
import { SyncProgress, SyncSummary } from './SyncStatus';
import { SYNC } from './syncMessages';

/** The progress bar is redrawn at most this often: a fast sync acknowledges dozens of batches a second. */
const PROGRESS_EVERY_MS = 150;

/** Calls fn at most once per `ms`, always with the latest value (the last one is never dropped). */
function throttle<T>(fn: (x: T) => void, ms: number): (x: T) => void {
  let last = 0;
  let pending: { x: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (x) => {
    const now = Date.now();
    if (now - last >= ms && !timer) {
      last = now;
      fn(x);
      return;
    }
    pending = { x };
    timer ??= setTimeout(
      () => {
        timer = null;
        last = Date.now();
        if (pending) fn(pending.x);
        pending = null;
      },
      Math.max(0, ms - (now - last)),
    );
  };
}

/** A progress record older than this, still unfinished, belongs to a run that died (tab closed). */
const STALE_PROGRESS_MS = 60_000;

/** 同步 '#/sync': the coordinator's end-of-day view — what is sent, what is not, and why. */
export default function SyncScreen(_props: ScreenProps) {
  const { db, lang } = useApp();
  const t = useT(SYNC);
  const state = useLiveQuery(() => readOutboxState(db), [db]).value;
  const [enrollment, setEnrollment] = useState<Enrollment | null | undefined>(undefined);
  const [serverKey, setServerKey] = useState<ServerKey | null>(null);
  const [counts, setCounts] = useState<{ campaigns: CampaignSyncCounts[]; photos: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<OutboxProgress | null>(null);
  const [result, setResult] = useState<OutboxResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Counting reads every record once, so it runs on entry and after each run, not on every change.
  const refresh = useCallback(async () => {
    try {
      const [campaigns, photos] = await Promise.all([countByCampaign(db), countPendingBlobs(db)]);
      setCounts({ campaigns, photos });
    } catch {
      setCounts(null); // the figures show '–'; the records themselves are untouched
    }
  }, [db]);
  useEffect(() => {
    readEnrollment(db).then(setEnrollment, () => setEnrollment(null));
    readServerKey(db).then(setServerKey, () => setServerKey(null));
  }, [db]);
  useEffect(() => {
    void refresh();
  }, [refresh, state?.lastRun?.at]);

  const sync = async () => {
    setRunning(true);
    setResult(null);
    setProblem(null);
    try {
      setResult(await syncNow(db, { manual: true, onProgress: throttle(setProgress, PROGRESS_EVERY_MS) }));
    } catch (e) {
      setProblem((e as Error)?.message ?? String(e));
    } finally {
      setRunning(false);
      setProgress(null);
      void refresh();
    }
  };

  if (enrollment === undefined) return <section class="screen" />;
  if (enrollment === null) {
    return (
      <section class="screen stack" aria-labelledby="sync-title">
        <h1 id="sync-title">{t('title')}</h1>
        <Banner tone="info">{t('notEnrolled')}</Banner>
        <LinkButton href="#/enroll" variant="primary" size="large">
          {t('enroll')}
        </LinkButton>
      </section>
    );
  }

  const background =
    state?.progress && !state.progress.finished && Date.now() - Date.parse(state.progress.updatedAt) < STALE_PROGRESS_MS ? state.progress : null;
  const shownProgress = running ? progress : background;
  const receipt = state?.lastReceipt?.receipt;
  const waiting = counts
    ? { records: counts.campaigns.reduce((n, c) => n + c.unsent, 0), sent: counts.campaigns.reduce((n, c) => n + c.sent, 0), photos: counts.photos }
    : null;
  const checkpoint = state?.checkpoint;
  return (
    <section class="screen stack" aria-labelledby="sync-title">
      <div class="screen-head">
        <h1 id="sync-title">{t('title')}</h1>
        <Button variant="primary" size="large" onClick={sync} disabled={running} data-testid="sync-button">
          {running ? t('syncing') : t('sync')}
        </Button>
      </div>

      <CampaignUpdateCard refresh={state?.lastRun?.at} />
      {state?.logAlarm && (
        <Banner tone="error" title={t('logAlarmTitle')}>
          <span data-testid="sync-log-alarm">{t('logAlarm')}</span>
          <p class="mono">{state.logAlarm.message}</p>
        </Banner>
      )}
      {shownProgress && <SyncProgress p={shownProgress} />}
      {!running && <SyncSummary waiting={waiting} result={result} state={state} />}
      {problem && <Banner tone="error">{t('failed', { reason: problem })}</Banner>}
      {state?.lastError && !running && <RefusalCard error={state.lastError} />}

      <div class="card-grid">
        {(counts?.campaigns ?? []).map((c) => (
          <section class="card" key={c.campaignId} aria-label={c.name} data-testid={`sync-campaign-${c.campaignId}`}>
            <h2>{c.name}</h2>
            <p>
              {t('sent')}{' '}
              <span class="big-number" data-testid="sync-sent">
                {c.sent}
              </span>{' '}
              {t('records')} · {t('unsent')}{' '}
              <span class="big-number" data-testid="sync-unsent">
                {c.unsent}
              </span>{' '}
              {t('records')}
            </p>
          </section>
        ))}
        <section class="card stack">
          <p>
            {t('photos')}: <strong data-testid="sync-photos">{counts?.photos ?? '–'}</strong>
          </p>
          <p>
            {t('lastSync')}: <strong data-testid="sync-last">{state?.lastSuccessAt ? formatDateTime(state.lastSuccessAt, lang) : t('never')}</strong>
          </p>
          {receipt && <p data-testid="sync-receipt">{t('receipt', { seq: receipt.throughSeq, time: formatDateTime(receipt.receivedAt, lang) })}</p>}
          {checkpoint && !state?.logAlarm && (
            <p class="muted" data-testid="sync-log">
              {t(checkpoint.checked ? 'logChecked' : 'logFirst', { size: checkpoint.logSize })}
            </p>
          )}
        </section>
      </div>

      <section class="card stack" aria-labelledby="relay-title">
        <h2 id="relay-title">{t('relayTitle')}</h2>
        <p class="muted">{t('relayText')}</p>
        <RelayExport db={db} />
        <RelayImport serverUrl={enrollment.serverUrl} serverKey={serverKey} db={db} onDone={refresh} />
      </section>
    </section>
  );
}
