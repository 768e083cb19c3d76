import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Settings } from '../../../platform/settings';
import type { StorageApi } from '../../../platform/storage';
import type { UpdateService } from '../../../pwa/updates';
import type { LoadedSession } from '../../../store/session';

/**
 * What the shell's own screens (home, settings) need beyond AppServices: the settings store,
 * the loaded session's enrollment details, the storage manager and the app-update service.
 */
export interface ShellServices {
  settings: Settings;
  loaded: LoadedSession;
  storage?: StorageApi;
  updates?: UpdateService;
  /** Shown in settings. */
  version: string;
}

export const ShellContext = createContext<ShellServices | null>(null);

export function useShell(): ShellServices {
  const s = useContext(ShellContext);
  if (!s) throw new Error('useShell outside <ShellContext.Provider>');
  return s;
}
