import { useContext, useEffect, useState } from 'preact/hooks';
import { LangContext, useT, type Lang } from '../i18n';
import type { ConsoleApi, ServerStatus } from './api';
import { spaceMessages } from './space-messages';

/** Under this share of free space the header warns (the server refuses batches when the disk is full). */
export const LOW_SPACE = 0.05;
/** How often the header asks again (a disk fills while the console is open). */
const REFRESH_MS = 60_000;

function bytes(n: number, lang: Lang): string {
  const gib = n / 1024 ** 3;
  const fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: gib >= 10 || n < 1024 ** 3 ? 0 : 1 });
  return gib >= 1 ? `${fmt.format(gib)} GB` : `${fmt.format(n / 1024 ** 2)} MB`;
}

/**
 * The console header's word on the server itself: free space on its data disk, a warning under
 * 5 %, and the store's fault while one is in force (a full disk, an unreachable database). Says
 * nothing when the status cannot be read (a coordinator's account, an older server).
 */
export function ServerSpace({ api }: { api: ConsoleApi }) {
  const t = useT(spaceMessages);
  const lang = useContext(LangContext);
  const [status, setStatus] = useState<ServerStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const read = () =>
      api.serverStatus().then(
        (s) => alive && setStatus(s),
        () => alive && setStatus(null),
      );
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api]);
  if (!status) return null;
  const s = status.storage;
  const low = !!s && s.totalBytes > 0 && s.freeBytes / s.totalBytes < LOW_SPACE;
  const percent = s && s.totalBytes > 0 ? Math.floor((s.freeBytes / s.totalBytes) * 1000) / 10 : null;
  return (
    <span class={`c-space${low || status.fault ? ' c-warn' : ''}`} data-testid="server-space" role={low || status.fault ? 'alert' : undefined}>
      {s && t(low ? 'low' : 'free', { free: bytes(s.freeBytes, lang), total: bytes(s.totalBytes, lang), percent: percent ?? 0 })}
      {status.fault && <> · {t(status.fault === 'storage-full' ? 'full' : 'unavailable')}</>}
    </span>
  );
}
