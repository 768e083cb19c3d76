import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ScreenProps } from '../context';
import { useT } from '../i18n';
import { createConsoleApi, type ConsoleApi } from './api';
import type { Person } from './api-types';
import { Frame } from './Frame';
import { UnitConsole } from './rect/UnitConsole';
import { shellMessages } from './messages';
import { SignIn } from './SignIn';
import { ErrorBanner, Loading } from './ui';
import './console.css';

/**
 * The office console ('#/console', '#/console/<page>'): online only, for office staff at a desk or
 * on a tablet. The shell loads this module lazily, so the field app never pays for it.
 */
export default function ConsoleApp(_props: ScreenProps) {
  const api = useMemo(() => createConsoleApi((input, init) => globalThis.fetch(input, init)), []);
  return <ConsoleRoot api={api} />;
}

type Who = { state: 'checking' } | { state: 'out'; notice?: string } | { state: 'in'; person: Person } | { state: 'error'; error: unknown };

/** Asks the server who is signed in, then shows sign-in or the console. */
export function ConsoleRoot({ api }: { api: ConsoleApi }) {
  const t = useT(shellMessages);
  const [who, setWho] = useState<Who>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.whoAmI().then(
      (person) => live && setWho(person ? { state: 'in', person } : { state: 'out' }),
      (error: unknown) => live && setWho({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);

  if (who.state === 'checking') {
    return (
      <main class="c-signin">
        <Loading />
      </main>
    );
  }
  if (who.state === 'error') {
    return (
      <main class="c-signin">
        <ErrorBanner error={who.error} onRetry={() => setAttempt((n) => n + 1)} />
      </main>
    );
  }
  if (who.state === 'out') {
    return <SignIn api={api} notice={who.notice} onSignedIn={(person) => setWho({ state: 'in', person })} />;
  }
  if (who.person.role === 'unit')
    return (
      <UnitConsole
        api={api}
        me={who.person}
        onSignedOut={() => setWho({ state: 'out' })}
        onSessionLost={() => setWho({ state: 'out', notice: t('sessionEnded') })}
      />
    );
  return (
    <Frame api={api} me={who.person} onSignedOut={() => setWho({ state: 'out' })} onSessionLost={() => setWho({ state: 'out', notice: t('sessionEnded') })} />
  );
}
