import { useEffect, useState } from 'preact/hooks';
import { campaignChanges, type CampaignChange } from '../../../domain/campaign-diff';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { useConsole, useLoad } from '../context';
import { ErrorBanner, fmtTime, Loading } from '../ui';
import { ChangeList } from './ChangeList';
import { setupMessages } from './messages';
import { useLang } from './useLang';

/** 版本: every saved version with who and when, and the changes between two of them in words. */
export function VersionsSection({ campaign, refresh }: { campaign: Campaign; refresh: number }) {
  const { api } = useConsole();
  const t = useT(setupMessages);
  const lang = useLang();
  const versions = useLoad(() => api.campaignVersions(campaign.id), [api, campaign.id, refresh]);
  const list = versions.data ?? [];
  const latest = list.at(-1)?.version ?? 0;
  const [pair, setPair] = useState<[number, number]>([0, 0]);
  const [from, to] = pair[1] ? pair : [Math.max(1, latest - 1), latest];
  const [changes, setChanges] = useState<CampaignChange[] | null>(null);
  useEffect(() => {
    let live = true;
    setChanges(null);
    if (!to) return;
    Promise.all([api.campaignVersion(campaign.id, from), api.campaignVersion(campaign.id, to)]).then(
      ([a, b]) => live && setChanges(campaignChanges(a, b)),
      () => live && setChanges([]),
    );
    return () => {
      live = false;
    };
  }, [api, campaign.id, from, to]);
  if (versions.error) return <ErrorBanner error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <Loading />;
  const pick = (value: number, set: (n: number) => void) => (
    <select value={value} onChange={(e) => set(Number(e.currentTarget.value))}>
      {list.map((v) => (
        <option key={v.version} value={v.version}>
          {t('version', { n: v.version })}
        </option>
      ))}
    </select>
  );
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t('versions')}</h2>
      <ol class="c-versions" data-testid="versions">
        {[...list].reverse().map((v) => (
          <li key={v.version}>
            <strong>{t('version', { n: v.version })}</strong> <span class="c-muted">{t('savedBy', { when: fmtTime(v.at, lang), who: v.actor })}</span>
          </li>
        ))}
      </ol>
      {list.length > 1 && (
        <p>
          {t('compare')} {pick(from, (n) => setPair([n, to]))} {t('with')} {pick(to, (n) => setPair([from, n]))}
        </p>
      )}
      {list.length > 1 && changes && (changes.length ? <ChangeList changes={changes} testId="version-changes" /> : <p>{t('noChange')}</p>)}
    </section>
  );
}
