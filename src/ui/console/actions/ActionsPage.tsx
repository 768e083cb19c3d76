import { useContext, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { LoggedOfficeAction } from '../api-types';
import { useConsole, useLoad, useRefused } from '../context';
import { deviceMessages } from '../devices/messages';
import { Button, ErrorBanner, LoadStatus, PageHead, fmtTime } from '../ui';
import { actorWords, describeAction } from './describe';
import { actionMessages } from './messages';

/** 操作记录: the office's decisions as logged, oldest first, a page at a time (office admins). */
export default function ActionsPage() {
  const t = useT(actionMessages);
  const td = useT(deviceMessages);
  const lang = useContext(LangContext);
  const { api, campaigns } = useConsole();
  const refused = useRefused();
  const first = useLoad(() => api.officeActions(null), [api]);
  const [more, setMore] = useState<{ actions: LoggedOfficeAction[]; next: number | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const actions = [...(first.data?.actions ?? []), ...(more?.actions ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);

  async function loadMore() {
    setBusy(true);
    setError(null);
    try {
      const page = await api.officeActions(next);
      setMore({ actions: [...(more?.actions ?? []), ...page.actions], next: page.next });
    } catch (e) {
      const shown = await refused(e);
      if (shown !== undefined) setError(shown);
    }
    setBusy(false);
  }

  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')} />
      <LoadStatus load={first} />
      {first.data && actions.length === 0 && <p class="c-empty">{t('none')}</p>}
      {actions.length > 0 && (
        <table class="c-table" aria-label={t('heading')}>
          <thead>
            <tr>
              <th>{t('at')}</th>
              <th>{t('actor')}</th>
              <th>{t('what')}</th>
              <th class="c-num">{t('logIndex')}</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.hash} data-leaf={a.logIndex}>
                <td>{fmtTime(a.action.at, lang)}</td>
                <td>{actorWords(a.action.actor, t)}</td>
                <td>{describeAction(a.action, t, td, lang, campaigns)}</td>
                <td class="c-num c-mono" title={a.hash}>
                  {a.logIndex}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error != null && <ErrorBanner error={error} />}
      {next !== null && (
        <Button onClick={loadMore} disabled={busy}>
          {t('more')}
        </Button>
      )}
    </section>
  );
}
