import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../context';
import { useT } from '../../i18n';
import { LinkButton } from '../Button';
import { ProblemScreen } from './ErrorBoundary';
import { SHELL } from './messages';
import { loadedScreen, type ResolvedRoute } from './routes';

type Loaded = { module: string; screen: ComponentType<ScreenProps> } | { module: string; error: unknown };

/**
 * Loads the route's screen module on first visit and renders it. Until it arrives the last
 * screen is replaced by a quiet "loading" line (only after a moment, so fast loads do not flash).
 */
export function RouteView(props: { route: ResolvedRoute | undefined; screenKey: string }) {
  const t = useT(SHELL);
  const { route } = props;
  const [fetched, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const module = route?.def.module;
  const load = route?.load;
  // A module that has already arrived (src/main.tsx preloads the first screen's while storage
  // opens) renders in this very render, rather than one effect (a painted frame) later.
  const arrived = module && load ? loadedScreen(module) : undefined;
  const loaded: Loaded | null = fetched?.module === module ? fetched : arrived && module ? { module, screen: arrived.default } : fetched;

  useEffect(() => {
    if (!module || !load || loadedScreen(module)) return;
    let live = true;
    load().then(
      (m) => live && setLoaded({ module, screen: m.default }),
      (error: unknown) => live && setLoaded({ module, error }),
    );
    return () => {
      live = false;
    };
  }, [module, load, attempt]);

  if (!route) return <Notice text={t('notFound')} />;
  if (!load) return <Notice text={t('notInstalled')} />;
  if (!loaded || loaded.module !== module) return <Pending />;
  if ('error' in loaded) {
    // A screen not yet in the cache while offline (or an old build's chunk after an update).
    return <ProblemScreen title={t('chunkTitle')} body={t('chunkBody')} what={t('chunkWhat')} action={t('retry')} onAction={() => setAttempt((n) => n + 1)} />;
  }
  const Screen = loaded.screen;
  // Keyed by path and query: a new record or draft id, or tapping 记录 while a filtered list is
  // shown, starts the screen afresh. (A screen's own history.replaceState does not count.)
  return <Screen key={props.screenKey} params={route.params} />;
}

function Notice(props: { text: string }) {
  const t = useT(SHELL);
  return (
    <section class="screen">
      <p class="notice">{props.text}</p>
      <LinkButton href="#/" variant="primary" size="large">
        {t('backHome')}
      </LinkButton>
    </section>
  );
}

function Pending() {
  const t = useT(SHELL);
  const [show, setShow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShow(true), 250);
    return () => clearTimeout(timer);
  }, []);
  return (
    <section class="screen" aria-busy="true">
      {show && <p class="loading">{t('loading')}</p>}
    </section>
  );
}
