import { useState } from 'preact/hooks';
import { useT } from '../i18n';
import { ApiError, type ConsoleApi } from './api';
import type { Person } from './api-types';
import { describeError } from './context';
import { shellMessages } from './messages';
import { Button, LangSelect } from './ui';

/** Office staff sign in with username and password; the server answers with a session cookie. */
export function SignIn(props: { api: ConsoleApi; notice?: string; onSignedIn(p: Person): void }) {
  const t = useT(shellMessages);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setProblem(t('missingFields'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const person = await props.api.signIn(username.trim(), password);
      // The session lives in a Secure cookie: over plain HTTP (other than localhost) the browser
      // drops it, and every later call would fail. Asking once tells that apart from success.
      if (!(await props.api.whoAmI())) {
        setProblem(t('cookieRefused'));
        return;
      }
      props.onSignedIn(person);
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 401) setProblem(t('badCredentials'));
      else if (err instanceof ApiError && err.status === 429) setProblem(t('tooMany'));
      else setProblem(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="c-signin">
      <form class="c-card" onSubmit={submit} noValidate>
        <h1>{t('title')}</h1>
        <h2>{t('signInTitle')}</h2>
        <p class="c-muted">{t('signInHint')}</p>
        {props.notice && !problem && (
          <p class="c-banner c-banner-info" role="status">
            {props.notice}
          </p>
        )}
        <label class="c-field">
          <span>{t('username')}</span>
          <input name="username" autoComplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label class="c-field">
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {problem && (
          <p class="c-banner c-banner-error" role="alert">
            {problem}
          </p>
        )}
        <Button kind="primary" type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </Button>
        <div class="c-signin-lang">
          <LangSelect />
        </div>
      </form>
    </main>
  );
}
