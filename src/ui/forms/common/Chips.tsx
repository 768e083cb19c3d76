import type { JSX } from 'preact';

/** Choice chips: big buttons, every option visible, one tap each (reuses the shell's chip look). */

/**
 * The ARIA radio group pattern: the group is one tab stop (the chosen radio, else the first), and
 * the arrow keys, Home and End move to another radio and choose it.
 */
export function radioTabIndex(on: boolean, index: number, anyOn: boolean): number {
  return on || (!anyOn && index === 0) ? 0 : -1;
}

export function onRadioKeys(e: JSX.TargetedKeyboardEvent<HTMLElement>): void {
  const radios = [...e.currentTarget.querySelectorAll<HTMLElement>('[role=radio]')];
  const at = radios.indexOf(document.activeElement as HTMLElement);
  if (at < 0 || !radios.length) return;
  const n = radios.length;
  const to =
    e.key === 'ArrowRight' || e.key === 'ArrowDown'
      ? (at + 1) % n
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
        ? (at - 1 + n) % n
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? n - 1
            : -1;
  if (to < 0) return;
  e.preventDefault();
  const target = radios[to]!;
  target.focus();
  if (target.getAttribute('aria-checked') !== 'true') target.click();
}

export interface Option {
  value: string;
  label: string;
}

/** One choice; tapping the chosen chip again clears it only when `clearable`. */
export function SingleChips(props: {
  label: string;
  options: Option[];
  value: string | undefined;
  onChange(v: string | undefined): void;
  clearable?: boolean;
  big?: boolean;
}) {
  return (
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- keys bubble from the radios, which hold the focus (ARIA radio group pattern: the group itself takes no tab stop)
    <div class={`chips${props.big ? ' chips-big' : ''}`} role="radiogroup" aria-label={props.label} onKeyDown={onRadioKeys}>
      {props.options.map((o, i) => {
        const on = props.value === o.value;
        return (
          <button
            type="button"
            key={o.value}
            role="radio"
            aria-checked={on}
            tabIndex={radioTabIndex(
              on,
              i,
              props.options.some((x) => x.value === props.value),
            )}
            class={`chip${on ? ' chip-on' : ''}`}
            onClick={() => props.onChange(on && props.clearable ? undefined : o.value)}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

/** Several choices (units of a forum, problem categories of a finding). */
export function MultiChips(props: { label: string; options: Option[]; value: string[]; onToggle(v: string): void }) {
  return (
    <div class="chips" role="group" aria-label={props.label}>
      {props.options.map((o) => {
        const on = props.value.includes(o.value);
        return (
          <button type="button" key={o.value} aria-pressed={on} class={`chip chip-multi${on ? ' chip-on' : ''}`} onClick={() => props.onToggle(o.value)}>
            {on && <span aria-hidden="true">✓ </span>}
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

/** A yes/no question that may stay unanswered: tapping the chosen answer again clears it. */
export function YesNo(props: { label: string; value: boolean | undefined; onChange(v: boolean | undefined): void; yes: string; no: string }) {
  const pick = (v: boolean) => props.onChange(props.value === v ? undefined : v);
  return (
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- keys bubble from the radios, which hold the focus (ARIA radio group pattern: the group itself takes no tab stop)
    <div class="chips yesno" role="radiogroup" aria-label={props.label} onKeyDown={onRadioKeys}>
      <button
        type="button"
        role="radio"
        aria-checked={props.value === true}
        tabIndex={props.value === false ? -1 : 0}
        class={`chip${props.value === true ? ' chip-on' : ''}`}
        onClick={() => pick(true)}
      >
        {props.yes}
      </button>
      <button
        type="button"
        role="radio"
        aria-checked={props.value === false}
        tabIndex={props.value === false ? 0 : -1}
        class={`chip${props.value === false ? ' chip-on' : ''}`}
        onClick={() => pick(false)}
      >
        {props.no}
      </button>
    </div>
  );
}
