import { useContext, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import { ApiError } from '../api';
import type { PublishAnswer } from '../api-types';
import { useConsole, useLoad, useRefused } from '../context';
import { Button, Dialog, ErrorBanner, fmtTime } from '../ui';
import { resultsMessages } from './results-messages';

/**
 * What the office hands out from the signed tally: the 通报 (a print page in a new tab, and the
 * .xlsx), publication (公示) after a confirmation, with what is public now, and its withdrawal
 * (撤回公示) with a reason, after a confirmation too.
 */
export function ResultsPanel({ provisional }: { provisional: boolean }) {
  const t = useT(resultsMessages);
  const lang = useContext(LangContext);
  const { api, campaign } = useConsole();
  const id = campaign!.id;
  const state = useLoad(() => api.publication(id), [api, id]);
  const refused = useRefused();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<PublishAnswer | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [withdrawError, setWithdrawError] = useState<unknown>(null);

  async function withdraw() {
    setBusy(true);
    setWithdrawError(null);
    try {
      await api.withdrawPublication(id, reason.trim());
      setWithdrawing(false);
      setReason('');
      setDone(null);
      state.reload();
    } catch (e) {
      const shown = await refused(e);
      if (shown !== undefined) setWithdrawError(shown);
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      setDone(await api.publish(id));
      setAsking(false);
      state.reload();
    } catch (e) {
      const shown = await refused(e);
      // The server's refusal of a provisional tally is said in the console's words.
      if (shown instanceof ApiError && shown.code === 'tally-provisional') setError('provisional');
      else if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  const p = state.data?.publication;
  const w = state.data?.withdrawn ?? null;
  /** A publication is public now: the latest one, not withdrawn. */
  const live = done !== null || (p != null && w === null);
  return (
    <section class="c-card c-results" aria-labelledby="results-heading">
      <h2 id="results-heading">{t('heading')}</h2>
      <p class="c-muted">{t('reportHint')}</p>
      <div class="c-actions">
        <a class="c-btn c-btn-primary" href={api.reportUrl(id, 'html')} target="_blank" rel="noopener" data-testid="report-html">
          {t('report')}
        </a>
        <a class="c-btn" href={api.reportUrl(id, 'xlsx')} download={`${id}-report.xlsx`} data-testid="report-xlsx">
          {t('xlsx')}
        </a>
        <Button kind="primary" onClick={() => setAsking(true)} data-testid="publish">
          {t('publish')}
        </Button>
        {live && (
          <Button kind="danger" onClick={() => setWithdrawing(true)} data-testid="withdraw">
            {t('withdraw')}
          </Button>
        )}
      </div>
      {done && (
        <p class="c-banner c-banner-ok" role="status">
          {t('published', { version: done.version, when: fmtTime(done.publishedAt, lang) })}{' '}
          <a href={api.publicUrl(id)} target="_blank" rel="noopener">
            {api.publicUrl(id)}
          </a>
        </p>
      )}
      {!done && state.data !== undefined && (
        <p class="c-muted" data-testid="publication">
          {w
            ? t('withdrawn', { version: w.version, who: w.withdrawnBy, when: fmtTime(w.withdrawnAt, lang), reason: w.reason })
            : p
              ? t('lastPublished', { version: p.version, who: p.publishedBy, when: fmtTime(p.publishedAt, lang), size: p.logSize })
              : t('notPublished')}{' '}
          {p && (
            <a href={api.publicUrl(id)} target="_blank" rel="noopener">
              {t('publicPage')}
            </a>
          )}
        </p>
      )}
      {error != null && error !== 'provisional' && !asking && <ErrorBanner error={error} />}
      {asking && (
        <Dialog title={t('publishTitle')} onClose={() => setAsking(false)}>
          <p>{t('publishBody')}</p>
          {(provisional || error === 'provisional') && (
            <p class="c-banner c-banner-warn" role="status">
              {t('publishProvisional')}
            </p>
          )}
          {error != null && error !== 'provisional' && <ErrorBanner error={error} />}
          <div class="c-actions">
            <Button onClick={() => setAsking(false)}>{t('cancel')}</Button>
            <Button kind="primary" onClick={publish} disabled={busy} data-testid="publish-confirm">
              {busy ? t('publishing') : t('confirm')}
            </Button>
          </div>
        </Dialog>
      )}
      {withdrawing && (
        <Dialog title={t('withdrawTitle')} onClose={() => setWithdrawing(false)}>
          <p>{t('withdrawBody')}</p>
          <label class="c-field">
            <span>{t('withdrawReason')}</span>
            <textarea rows={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} data-testid="withdraw-reason" />
          </label>
          {withdrawError != null && <ErrorBanner error={withdrawError} />}
          <div class="c-actions">
            <Button onClick={() => setWithdrawing(false)}>{t('cancel')}</Button>
            <Button kind="danger" onClick={withdraw} disabled={busy || reason.trim() === ''} data-testid="withdraw-confirm">
              {busy ? t('withdrawing') : t('withdrawConfirm')}
            </Button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
