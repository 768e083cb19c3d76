import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PingyiDb } from '../store/db';
import type { Session } from '../store/session';
import type { Lang } from './i18n';

export type { Session };

/** What every screen may use; screens read and write through store/ and sync/ modules with `db`. */
export interface AppServices {
  db: PingyiDb;
  session: Session;
  /** Re-reads the session (after enrolling, or switching between practice and the real campaign). */
  reloadSession(): Promise<void>;
  lang: Lang;
  setLang(lang: Lang): void;
  /** Hash navigation: navigate('/records') → #/records. */
  navigate(path: string): void;
  /** Marks whether the current screen holds unsaved input (an app update then waits). */
  setDirty(dirty: boolean): void;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}

/** Every routed screen module default-exports a component of this shape. */
export interface ScreenProps {
  params: Record<string, string>;
}
