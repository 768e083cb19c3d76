import type { JSX } from 'preact';

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
}

/**
 * One choice among a few, as large chips (a radio group): one tap, and every option visible,
 * which suits standing users better than a drop-down.
 */
export function ChoiceChips<V extends string>(props: {
  label: string;
  options: ChoiceOption<V>[];
  value: V | undefined;
  onChange(value: V): void;
  /** Hide the group label visually (it still names the group for screen readers). */
  hideLabel?: boolean;
}) {
  return (
    <div class="chips" role="radiogroup" aria-label={props.label}>
      {!props.hideLabel && <span class="chips-label">{props.label}</span>}
      {props.options.map((o) => (
        <button
          type="button"
          key={o.value}
          role="radio"
          aria-checked={props.value === o.value}
          class={`chip${props.value === o.value ? ' chip-on' : ''}`}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** A native select, styled to the touch size: for long lists (units of a campaign). */
export function Select<V extends string>(
  props: { options: ChoiceOption<V>[]; value: V; onChange(value: V): void } & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>,
) {
  const { options, value, onChange, ...rest } = props;
  return (
    <select class="select" value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as V)} {...rest}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
