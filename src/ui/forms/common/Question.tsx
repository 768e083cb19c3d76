import type { ComponentChildren } from 'preact';

/** Scrolls a question into view and puts focus on its first control (after a refused seal). */
export function focusQuestion(anchor: string): void {
  const el = document.getElementById(`q-${anchor}`);
  if (!el) return;
  if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  const first = el.querySelector<HTMLElement>('button, input, textarea, select');
  first?.focus({ preventScroll: true });
}

/**
 * One question of a form, with the id a refused seal scrolls to (`q-<anchor>`) and a visible
 * marking while it is missing.
 */
export function Question(props: {
  anchor: string;
  label: string;
  invalid?: boolean;
  optional?: string;
  /** Beside the label: a hint toggle, a lock for confidential fields. */
  aside?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    // eslint-disable-next-line jsx-a11y/role-supports-aria-props -- the question's invalid mark, read by its styles and tests; the answers' own groups do not carry it yet
    <section
      id={`q-${props.anchor}`}
      class={['q', props.invalid ? 'q-invalid' : '', props.class ?? ''].filter(Boolean).join(' ')}
      aria-invalid={props.invalid ? 'true' : undefined}
      aria-label={props.label}
    >
      <div class="q-head">
        <span class="q-label">{props.label}</span>
        {props.optional && <span class="q-optional">{props.optional}</span>}
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}
