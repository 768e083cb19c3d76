import { useContext, useRef } from 'preact/hooks';
import { formatTime } from '../../components/format';
import { Icon } from '../../components/icons';
import { LangContext, useT } from '../../i18n';
import { common } from './messages';

/** How long after a seal the seal button ignores taps: a bounced or doubled tap lands here. */
export const SEAL_QUIET_MS = 1500;

/** The short id people read back from a sealed record: the first six characters of its hash. */
export function shortId(hash: string): string {
  return hash.slice(0, 6).toUpperCase();
}

export interface SealedInfo {
  hash: string;
  sealedAt: string;
}

/**
 * Keeps a second tap of the same gesture from acting: `busy()` while a seal runs or for
 * SEAL_QUIET_MS after one (held in a ref, so two taps before a render are caught too).
 */
export function useSealGuard(): { busy(): boolean; start(): void; sealed(): void; failed(): void } {
  const state = useRef({ running: false, quietUntil: 0 });
  return {
    busy: () => state.current.running || Date.now() < state.current.quietUntil,
    start: () => {
      state.current.running = true;
    },
    sealed: () => {
      state.current.running = false;
      state.current.quietUntil = Date.now() + SEAL_QUIET_MS;
    },
    failed: () => {
      state.current.running = false;
    },
  };
}

/** 已封存 · 编号 3FA2C1 · 14:32: the record just sealed, unmistakably, until the next one starts. */
export function SealedNote(props: { sealed: SealedInfo; next?: string }) {
  const t = useT(common);
  const lang = useContext(LangContext);
  return (
    <div class="sealed-note" role="status" data-testid="sealed-note">
      <Icon name="check" size={28} />
      <div>
        <strong class="sealed-note-title">{t('sealedNote', { id: shortId(props.sealed.hash), time: formatTime(props.sealed.sealedAt, lang) })}</strong>
        {props.next && <p class="sealed-note-next">{props.next}</p>}
      </div>
    </div>
  );
}
