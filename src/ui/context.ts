import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Campaign } from '../domain/campaign';
import type { PingyiDb } from '../store/db';
import type { Lang } from './i18n';

/**
 * Who is collecting, for which campaign, under which chain. The built-in practice campaign uses a
 * local device id whose records are never sent; an enrolled tablet uses the server's device id.
 */
export interface Session {
  campaign: Campaign;
  deviceId: string;
  collector: string;
  practice: boolean;
  role?: 'representative' | 'inspector' | 'coordinator';
}

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
