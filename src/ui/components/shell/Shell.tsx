import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { ChainLoss } from '../../../store/witness';
import { UpdateGate } from '../../../pwa/UpdateGate';
import type { UpdateService } from '../../../pwa/updates';
import { useT } from '../../i18n';
import { Banner } from '../Banner';
import { Button } from '../Button';
import { applyDisplay, readDisplay } from '../display';
import { ErrorBoundary } from './ErrorBoundary';
import { SHELL } from './messages';
import { isQuotaProblem } from './problems';
import { RouteView } from './RouteView';
import type { Location } from './router';
import { resolveRoute } from './routes';
import { NavBar } from './NavBar';
import { TopBar } from './TopBar';

/** The frame around every screen: top bar, navigation, storage and update messages. */
export function Shell(props: {
  loc: Location;
  campaignName: string;
  practice: boolean;
  campaignMissing: boolean;
  /** Chains the records database lost records of (store/witness.ts), until the user has taken note. */
  loss?: ChainLoss[];
  onAcceptLoss?(): void;
  updates?: UpdateService;
  isDirty(): boolean;
}) {
  const t = useT(SHELL);
  const { loc } = props;
  const route = resolveRoute(loc.path, loc.query);
  const chrome = route?.def.chrome ?? true;
  const quotaHit = useQuotaWatch();
  useEffect(() => applyDisplay(readDisplay()), []);

  return (
    <div class={chrome ? 'app' : 'app app-bare'}>
      {chrome && <TopBar campaignName={props.campaignName} practice={props.practice} />}
      {chrome && <NavBar path={loc.path} />}
      <main class="main" id="main">
        {props.loss && props.loss.length > 0 && <LossBanner loss={props.loss} onAccept={props.onAcceptLoss} />}
        {props.campaignMissing && chrome && <Banner tone="warn">{t('campaignMissing')}</Banner>}
        {quotaHit.shown && (
          <Banner tone="error" title={t('fullTitle')} actions={<Button onClick={quotaHit.dismiss}>{t('dismiss')}</Button>}>
            {t('fullBody')} {t('fullSafe')} {t('fullWhat')}
          </Banner>
        )}
        <ErrorBoundary key={loc.path}>
          <RouteView route={route} screenKey={`${loc.path}?${new URLSearchParams(loc.query).toString()}`} />
        </ErrorBoundary>
      </main>
      {props.updates && <UpdateGate updates={props.updates} isDirty={props.isDirty} />}
    </div>
  );
}

/** What the records database lost, in figures the coordinator can act on, until the user has taken note. */
function LossBanner(props: { loss: ChainLoss[]; onAccept?(): void }) {
  const t = useT(SHELL);
  let had = 0;
  let has = 0;
  let received = 0;
  let lost = 0;
  for (const c of props.loss) {
    had += c.had;
    has += c.has;
    received += c.received;
    lost += c.had - Math.max(c.has, c.received);
  }
  return (
    <Banner tone="error" title={t('lostTitle')} actions={props.onAccept && <Button onClick={props.onAccept}>{t('lostAck')}</Button>}>
      <span data-testid="db-lost">{t('lostBody', { had, has, received, lost })}</span>{' '}
      {t('lostWhat', { devices: props.loss.map((c) => c.deviceId).join('、') })}
    </Banner>
  );
}

/**
 * A storage-full failure anywhere (a draft save, a photo, a seal) that its screen did not handle
 * itself still gets explained, rather than failing silently.
 */
function useQuotaWatch(): { shown: boolean; dismiss(): void } {
  const [shown, setShown] = useState(false);
  // Listening from the moment the shell is in the document: its first screen may already be
  // rendered with it (RouteView shows a screen whose module has arrived at once) and failing.
  useLayoutEffect(() => {
    const onRejection = (e: PromiseRejectionEvent) => isQuotaProblem(e.reason) && setShown(true);
    const onError = (e: ErrorEvent) => isQuotaProblem(e.error) && setShown(true);
    addEventListener('unhandledrejection', onRejection);
    addEventListener('error', onError);
    return () => {
      removeEventListener('unhandledrejection', onRejection);
      removeEventListener('error', onError);
    };
  }, []);
  return { shown, dismiss: () => setShown(false) };
}
