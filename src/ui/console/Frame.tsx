import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useT } from '../i18n';
import type { ConsoleApi } from './api';
import type { Campaign, Person } from './api-types';
import { ConsoleContext, whyRefused, type ConsoleServices } from './context';
import { ConsoleHeader } from './ConsoleHeader';
import { DevicesPage } from './devices/DevicesPage';
import { ExportsPage } from './exports/ExportsPage';
import { FindingsPage } from './findings/FindingsPage';
import type { CampaignKey } from './findings/keyring';
import { shellMessages } from './messages';
import { OpinionsPage } from './opinions/OpinionsPage';
import { PAGES, pageOfHash, pagesFor, type PageId } from './pages';
import { QualityPage } from './quality/QualityPage';
import { RecordsPage } from './records/RecordsPage';
import { RectPage } from './rect/RectPage';
import { ReviewPage } from './review/ReviewPage';
import { ServerSpace } from './ServerSpace';
import { TallyPage } from './tally/TallyPage';
import { ErrorBanner, Loading } from './ui';

/** A page in a chunk of its own, loaded when first opened. */
function Lazy({ load }: { load: () => Promise<{ default: () => JSX.Element | null }> }) {
  const [Page, setPage] = useState<(() => JSX.Element | null) | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    load().then((m) => setPage(() => m.default), setFailed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once per mount
  }, []);
  if (failed) return <ErrorBanner error={failed} />;
  return Page ? <Page /> : <Loading />;
}

/** 活动设置 is a chunk of its own: most console visits never load the builder or exceljs. */
const loadSetup = () => import('./campaign/CampaignSetupPage');
/** 代表库, 随机抽取 and 进度 share a chunk (the roster's Excel import loads exceljs on demand). */
const loadRoster = () => import('./representatives/pages').then((m) => ({ default: m.RosterPage }));
const loadDraw = () => import('./representatives/pages').then((m) => ({ default: m.DrawPage }));
const loadProgress = () => import('./representatives/pages').then((m) => ({ default: m.ProgressPage }));
/** 操作记录 too: only office admins auditing the log open it. */
const loadActions = () => import('./actions/ActionsPage');

interface FrameProps {
  api: ConsoleApi;
  me: Person;
  onSignedOut(): void;
  onSessionLost(): void;
}

/**
 * Follows '#/console/<page>' so that bookmarks and the back button work. Moving between pages uses
 * history.pushState, which fires no hashchange: the shell keeps this component mounted, and with it
 * the session check and an unlocked campaign key.
 */
function useHashPage(allowed: PageId[]): [PageId, (p: PageId) => void] {
  const pick = () => {
    const p = pageOfHash(globalThis.location?.hash ?? '');
    return p && allowed.includes(p) ? p : allowed[0]!;
  };
  const [page, setPage] = useState<PageId>(pick);
  useEffect(() => {
    const onNav = () => setPage(pick());
    globalThis.addEventListener('hashchange', onNav);
    globalThis.addEventListener('popstate', onNav);
    return () => {
      globalThis.removeEventListener('hashchange', onNav);
      globalThis.removeEventListener('popstate', onNav);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [allowed.join()]);
  const go = (p: PageId) => {
    setPage(p);
    if (pageOfHash(globalThis.location?.hash ?? '') !== p) globalThis.history?.pushState(null, '', `#/console/${p}`);
  };
  return [page, go];
}

/** The signed-in console: header (campaign, language, who am I), menu, and the page. */
export function Frame({ api, me, onSignedOut, onSessionLost }: FrameProps) {
  const t = useT(shellMessages);
  const allowed = useMemo(() => pagesFor(me.role), [me.role]);
  const [page, go] = useHashPage(allowed);
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [campaignsError, setCampaignsError] = useState<unknown>(null);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  // The campaign's private key lives only here, in memory, for the life of the page (never stored).
  const [campaignKey, setCampaignKey] = useState<CampaignKey | null>(null);

  useEffect(() => {
    api.campaigns().then(
      (list) => {
        setCampaigns(list);
        // A real campaign first; the built-in demo only when it is all there is.
        setCampaignId((cur) => cur ?? (list.find((c) => c.id !== 'demo') ?? list[0])?.id ?? null);
      },
      async (e: unknown) => {
        const shown = await whyRefused(api, e, onSessionLost);
        if (shown !== undefined) setCampaignsError(shown);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [api]);

  const campaign = campaigns?.find((c) => c.id === campaignId) ?? null;
  const keyInView = campaign && campaignKey?.campaignId === campaign.id ? campaignKey : null;
  const services: ConsoleServices = { api, me, campaigns: campaigns ?? [], campaign, sessionLost: onSessionLost, campaignKey: keyInView };

  async function signOut() {
    try {
      await api.signOut();
    } finally {
      onSignedOut();
    }
  }

  return (
    <ConsoleContext.Provider value={services}>
      <div class="c-app">
        <ConsoleHeader
          campaigns={campaigns}
          campaignId={campaignId}
          onCampaign={setCampaignId}
          pickerAbove={0}
          who={`${me.displayName ?? me.username} · ${me.role === 'office-admin' ? t('roleOfficeAdmin') : t('roleCoordinator')}`}
          onSignOut={() => void signOut()}
        >
          {me.role === 'office-admin' && <ServerSpace api={api} />}
        </ConsoleHeader>
        <nav class="c-nav" aria-label={t('title')}>
          {PAGES.filter((p) => allowed.includes(p.id)).map((p) => (
            <a
              key={p.id}
              href={`#/console/${p.id}`}
              class={p.id === page ? 'c-nav-on' : ''}
              aria-current={p.id === page ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(p.id);
              }}
            >
              {t(p.label)}
            </a>
          ))}
        </nav>
        <main class="c-main">
          {campaignsError != null && <ErrorBanner error={campaignsError} />}
          {!campaigns && !campaignsError && <Loading />}
          {campaigns && campaigns.length === 0 && <p class="c-banner c-banner-info">{t('noCampaign')}</p>}
          {page === 'devices' && <DevicesPage />}
          {campaign && page === 'records' && <RecordsPage key={campaign.id} />}
          {campaign && page === 'findings' && <FindingsPage key={campaign.id} campaignKey={keyInView} onKey={setCampaignKey} />}
          {campaign && page === 'opinions' && <OpinionsPage key={campaign.id} campaignKey={keyInView} onKey={setCampaignKey} />}
          {campaign && page === 'tally' && <TallyPage key={campaign.id} />}
          {campaign && page === 'review' && <ReviewPage key={campaign.id} />}
          {campaign && page === 'rect' && <RectPage key={campaign.id} />}
          {campaign && page === 'quality' && <QualityPage key={campaign.id} />}
          {campaign && page === 'exports' && <ExportsPage key={campaign.id} />}
          {campaign && page === 'setup' && <Lazy key={campaign.id} load={loadSetup} />}
          {campaign && page === 'roster' && <Lazy key={`roster-${campaign.id}`} load={loadRoster} />}
          {campaign && page === 'draw' && <Lazy key={`draw-${campaign.id}`} load={loadDraw} />}
          {campaign && page === 'progress' && <Lazy key={`progress-${campaign.id}`} load={loadProgress} />}
          {page === 'actions' && <Lazy load={loadActions} />}
        </main>
      </div>
    </ConsoleContext.Provider>
  );
}
