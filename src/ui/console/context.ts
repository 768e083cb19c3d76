import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, isSignedOut, type ConsoleApi } from './api';
import type { Campaign, Person } from './api-types';
import type { CampaignKey } from './findings/keyring';
import type { Translate } from '../i18n';
import type { ShellKey } from './messages';

/** What every console page may use: the API client, who is signed in, the campaign in view. */
export interface ConsoleServices {
  api: ConsoleApi;
  me: Person;
  campaigns: Campaign[];
  /** The campaign the pages show; null when the server holds none. */
  campaign: Campaign | null;
  /** Pages call this when an answer shows the session is gone; the console returns to sign-in. */
  sessionLost(): void;
  /** The campaign's private key when the office unlocked it on the findings page (memory only). */
  campaignKey?: CampaignKey | null;
}

export const ConsoleContext = createContext<ConsoleServices | null>(null);

export function useConsole(): ConsoleServices {
  const c = useContext(ConsoleContext);
  if (!c) throw new Error('useConsole outside <ConsoleContext.Provider>');
  return c;
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data for a page and reloads when `deps` change. A 401 goes through whyRefused (session gone →
 * back to sign-in); an answer that arrives after a newer request started is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const { api, sessionLost } = useConsole();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const n = ++latest.current;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => n === latest.current && setState({ data, loading: false }),
      async (error: unknown) => {
        const shown = await whyRefused(api, error, sessionLost);
        if (n === latest.current && shown !== undefined) setState({ error: shown, loading: false });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * Sorts out a 401: the server answers 401 both when the session is gone and when the person's role
 * may not use a route, so it asks who is signed in. Returns the error to show, or undefined when
 * the session ended (and `sessionLost` was called).
 */
export async function whyRefused(api: ConsoleApi, error: unknown, sessionLost: () => void): Promise<unknown> {
  if (!isSignedOut(error)) return error;
  let person: unknown = null;
  try {
    person = await api.whoAmI();
  } catch {
    // The check itself failed: treat the session as gone; signing in again settles it.
  }
  if (person) return new ApiError(403, 'not-allowed', (error as ApiError).message);
  sessionLost();
  return undefined;
}

/** whyRefused bound to the console's API and session: `await refused(e)` → the error to show, or undefined. */
export function useRefused(): (error: unknown) => Promise<unknown> {
  const { api, sessionLost } = useConsole();
  return (error) => whyRefused(api, error, sessionLost);
}

/** A sentence for an error, in the page's language. */
export function describeError(e: unknown, t: Translate<ShellKey>): string {
  if (e instanceof ApiError) {
    if (e.code === 'offline') return t('offline');
    if (e.status === 403) return t('notAllowed');
    return t('serverError', { code: e.code, message: e.message });
  }
  return t('problem', { message: e instanceof Error ? e.message : String(e) });
}
