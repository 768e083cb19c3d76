import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Settings } from '../platform/settings';
import type { StorageApi } from '../platform/storage';
import type { UpdateService } from '../pwa/updates';
import type { PingyiDb } from '../store/db';
import { buildSession, type LoadedSession } from '../store/session';
import { acceptLoss, findLoss, rememberHeld, type ChainLoss } from '../store/witness';
import { ErrorBoundary, ScreenError } from './components/shell/ErrorBoundary';
import { SHELL } from './components/shell/messages';
import { classifyStartupError, type StorageProblemKind } from './components/shell/problems';
import { useHashLocation } from './components/shell/router';
import { Shell } from './components/shell/Shell';
import { ShellContext, type ShellServices } from './components/shell/ShellContext';
import { StorageProblem } from './components/shell/StorageProblem';
import { AppContext, type AppServices } from './context';
import { LangContext, loadLang, useT, type Lang } from './i18n';

/** The app's storage, opened at start-up (main.tsx opens the real one; tests their own). */
export interface OpenedStorage {
  db: PingyiDb;
  settings: Settings;
}

export interface AppProps {
  open(): Promise<OpenedStorage>;
  /** The service-worker side, once registered (none in tests or without service workers). */
  updates?: Promise<UpdateService | undefined>;
  storage?: StorageApi;
  version: string;
  /** Starts automatic sending for an enrolled tablet; returns the function that stops it. */
  startSync?(db: PingyiDb, updates: UpdateService | undefined): () => void;
}

type Boot =
  | { kind: 'starting' }
  | { kind: 'problem'; problem: StorageProblemKind | undefined }
  | { kind: 'ready'; storage: OpenedStorage; loaded: LoadedSession; loss: ChainLoss[] };

/**
 * The shell: opens storage, builds the session (practice by default, the enrolled campaign when
 * there is one), keeps the language, routes by hash to lazily loaded screens, and explains
 * storage failures instead of showing a blank page.
 */
export function App(props: AppProps) {
  const [boot, setBoot] = useState<Boot>({ kind: 'starting' });
  const [lang, setLangState] = useState<Lang>('zh-Hans');
  const [updates, setUpdates] = useState<UpdateService>();
  const loc = useHashLocation();
  const { open } = props;

  // Unsaved input belongs to the screen that holds it: a new screen starts clean. Reset during
  // render, before the new screen's own effects can mark it dirty.
  const dirty = useRef(false);
  const dirtyPath = useRef(loc.path);
  if (dirtyPath.current !== loc.path) {
    dirtyPath.current = loc.path;
    dirty.current = false;
  }

  // Stable across renders: forms call setDirty(false) in an effect cleanup keyed on it, which
  // must not fire (and clear a dirty form) just because the language or the session changed.
  const setDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const navigate = useCallback((path: string) => {
    location.hash = path.startsWith('#') ? path : `#${path}`;
  }, []);

  const start = useCallback(async () => {
    setBoot({ kind: 'starting' });
    try {
      const storage = await open();
      const [savedLang, loaded, loss] = await Promise.all([
        storage.settings.lang(),
        buildSession(storage.db, storage.settings),
        // Records the browser dropped with the database: said at once, not found out at the office.
        findLoss(storage.db).then(
          async (loss) => {
            if (loss.length === 0) await rememberHeld(storage.db).catch(logFailure);
            return loss;
          },
          (e: unknown): ChainLoss[] => {
            logFailure(e);
            return [];
          },
        ),
      ]);
      // A saved language other than the default is loaded before the first screen shows.
      if (savedLang && (await loadLang(savedLang).then(() => true, logFailure))) setLangState(savedLang);
      setBoot({ kind: 'ready', storage, loaded, loss });
    } catch (e) {
      console.error(e);
      setBoot({ kind: 'problem', problem: classifyStartupError(e) });
    }
  }, [open]);

  useEffect(() => void start(), [start]);
  useEffect(() => void props.updates?.then(setUpdates), [props.updates]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const ready = boot.kind === 'ready' ? boot : undefined;
  // Another tab running a newer version upgrades the database: let go of it at once (an open
  // connection would block that upgrade) and say so, rather than failing every later save.
  useEffect(() => {
    const db = ready?.storage.db;
    if (!db) return;
    const onVersionChange = () => {
      db.close();
      setBoot({ kind: 'problem', problem: 'upgraded' });
      return false;
    };
    db.on('versionchange', onVersionChange);
    return () => db.on('versionchange').unsubscribe(onVersionChange);
  }, [ready?.storage.db]);
  const enrolled = !!ready?.loaded.enrollment;
  const { startSync } = props;
  useEffect(() => {
    if (!ready || !enrolled || !startSync) return;
    return startSync(ready.storage.db, updates);
    // Restarts only when the database, the enrollment or the update service changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [ready?.storage.db, enrolled, startSync, updates]);

  const services = useMemo((): { app: AppServices; shell: ShellServices } | undefined => {
    if (!ready) return undefined;
    const { db, settings } = ready.storage;
    return {
      app: {
        db,
        session: ready.loaded.session,
        async reloadSession() {
          const loaded = await buildSession(db, settings);
          setBoot({ kind: 'ready', storage: ready.storage, loaded, loss: ready.loss });
        },
        lang,
        setLang(l) {
          // The language applies once its strings are loaded; a failed save only means it is asked
          // again next start.
          void loadLang(l).then(() => setLangState(l), logFailure);
          settings.setLang(l).catch(logFailure);
        },
        navigate,
        setDirty,
      },
      shell: { settings, loaded: ready.loaded, storage: props.storage, updates, version: props.version },
    };
  }, [ready, lang, updates, props.storage, props.version, navigate, setDirty]);

  let body;
  if (boot.kind === 'starting') body = <Starting />;
  else if (boot.kind === 'problem') {
    body = boot.problem ? (
      <StorageProblem kind={boot.problem} onRetry={boot.problem === 'newer' || boot.problem === 'upgraded' ? () => location.reload() : start} />
    ) : (
      <ScreenError />
    );
  } else {
    body = (
      <AppContext.Provider value={services!.app}>
        <ShellContext.Provider value={services!.shell}>
          <Shell
            loc={loc}
            campaignName={boot.loaded.session.campaign.name}
            practice={boot.loaded.session.practice}
            campaignMissing={boot.loaded.enrolledCampaignMissing}
            loss={boot.loss}
            onAcceptLoss={() => void acceptLoss(boot.storage.db).then(() => setBoot((b) => (b.kind === 'ready' ? { ...b, loss: [] } : b)), logFailure)}
            updates={updates}
            isDirty={() => dirty.current}
          />
        </ShellContext.Provider>
      </AppContext.Provider>
    );
  }
  return (
    <LangContext.Provider value={lang}>
      <ErrorBoundary>{body}</ErrorBoundary>
    </LangContext.Provider>
  );
}

function logFailure(e: unknown): false {
  console.error(e);
  return false;
}

function Starting() {
  const t = useT(SHELL);
  return (
    <div class="starting" aria-busy="true">
      <img src="/icons/icon.svg" alt="" width={72} height={72} />
      <p>{t('starting')}</p>
    </div>
  );
}
