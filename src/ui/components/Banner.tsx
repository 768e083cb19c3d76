import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export type Tone = 'info' | 'ok' | 'warn' | 'error';

/** A message that stays until its cause goes away (offline, storage full, update ready). */
export function Banner(props: { tone: Tone; title?: string; children: ComponentChildren; actions?: ComponentChildren }) {
  // Errors interrupt a screen reader; the rest wait for a pause.
  const role = props.tone === 'error' ? 'alert' : 'status';
  return (
    <div class={`banner banner-${props.tone}`} role={role}>
      <div class="banner-text">
        {props.title && <strong class="banner-title">{props.title}</strong>}
        <div>{props.children}</div>
      </div>
      {props.actions && <div class="banner-actions">{props.actions}</div>}
    </div>
  );
}

/** A short confirmation that goes away by itself ("已保存"). */
export function Toast(props: { message: string; onDone(): void; ms?: number }) {
  const ms = props.ms ?? 3000;
  // The latest onDone, so that a parent re-rendering does not restart the timer.
  const done = useRef(props.onDone);
  done.current = props.onDone;
  useEffect(() => {
    const t = setTimeout(() => done.current(), ms);
    return () => clearTimeout(t);
  }, [props.message, ms]);
  return (
    <div class="toast" role="status" aria-live="polite">
      {props.message}
    </div>
  );
}
