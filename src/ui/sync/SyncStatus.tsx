import type { OutboxResult } from '../../sync/run';
import type { OutboxProgress, OutboxState } from '../../sync/state';
import { Banner } from '../components/Banner';
import { formatBytes, formatDateTime, formatTime } from '../components/format';
import { useApp } from '../context';
import { useT } from '../i18n';
import { SYNC } from './syncMessages';

/** A progress bar of records and bytes. */
export function SyncProgress(props: { p: OutboxProgress }) {
  const t = useT(SYNC);
  const { p } = props;
  const pct = p.totalBytes > 0 ? Math.round((100 * p.doneBytes) / p.totalBytes) : p.totalRecords > 0 ? Math.round((100 * p.doneRecords) / p.totalRecords) : 0;
  return (
    <div data-testid="sync-progress">
      <div class="meter" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <p class="muted">
        {t('progress', { done: p.doneRecords, total: p.totalRecords, bytes: formatBytes(p.doneBytes), totalBytes: (p.bytesEstimated && !p.finished ? '≈ ' : '') + formatBytes(p.totalBytes) })}
      </p>
    </div>
  );
}

/**
 * The outcome in words: of the run just made on this screen when there is one, else of the last
 * run recorded in the outbox state (made at launch, by another tab or in the background).
 */
export function SyncResult(props: { result: OutboxResult | null; state: OutboxState | undefined }) {
  const t = useT(SYNC);
  const { lang } = useApp();
  const { result, state } = props;
  const line = (() => {
    if (result) {
      switch (result.status) {
        case 'sent':
          return { tone: 'ok' as const, text: t('result-sent', { n: result.sent, appended: result.appended }) };
        case 'nothing':
          return { tone: 'ok' as const, text: t('result-nothing') };
        case 'refused':
        case 'blocked':
          return { tone: 'error' as const, text: t('result-refused') };
        case 'retry':
        case 'waiting':
          return { tone: 'warn' as const, text: t('result-retry', { time: formatTime(result.until, lang) }) };
        case 'busy':
          return { tone: 'info' as const, text: t('result-busy') };
        case 'not-enrolled':
          return { tone: 'info' as const, text: t('result-not-enrolled') };
      }
    }
    const last = state?.lastRun;
    if (!last) return null;
    if (last.result === 'sent') return { tone: 'ok' as const, text: t('result-sent', { n: last.sentRecords, appended: last.appended }) };
    if (last.result === 'nothing') return { tone: 'ok' as const, text: t('result-nothing') };
    if (last.result === 'refused') return { tone: 'error' as const, text: t('result-refused') };
    return { tone: 'warn' as const, text: t('result-retry', { time: state?.backoffUntil ? formatTime(state.backoffUntil, lang) : '—' }) };
  })();
  if (!line) return null;
  const failure = (result?.status === 'retry' ? result.error : null) ?? (state?.lastRun?.result === 'retry' ? state.lastFailure : null);
  return (
    <Banner tone={line.tone}>
      <span data-testid="sync-result">{line.text}</span>
      {failure && <p class="muted">{t('lastFailure', { reason: failure.status ? `${failure.message} (HTTP ${failure.status})` : failure.message })}</p>}
      {!result && state?.lastRun && <p class="muted">{formatDateTime(state.lastRun.at, lang)}</p>}
    </Banner>
  );
}
