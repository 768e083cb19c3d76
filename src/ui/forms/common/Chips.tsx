/** Choice chips: big buttons, every option visible, one tap each (reuses the shell's chip look). */

export interface Option {
  value: string;
  label: string;
}

/** One choice; tapping the chosen chip again clears it only when `clearable`. */
export function SingleChips(props: { label: string; options: Option[]; value: string | undefined; onChange(v: string | undefined): void; clearable?: boolean; big?: boolean }) {
  return (
    <div class={`chips${props.big ? ' chips-big' : ''}`} role="radiogroup" aria-label={props.label}>
      {props.options.map((o) => {
        const on = props.value === o.value;
        return (
          <button
            type="button"
            key={o.value}
            role="radio"
            aria-checked={on}
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
            {on ? '✓ ' : ''}
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
    <div class="chips yesno" role="radiogroup" aria-label={props.label}>
      <button type="button" role="radio" aria-checked={props.value === true} class={`chip${props.value === true ? ' chip-on' : ''}`} onClick={() => pick(true)}>
        {props.yes}
      </button>
      <button type="button" role="radio" aria-checked={props.value === false} class={`chip${props.value === false ? ' chip-on' : ''}`} onClick={() => pick(false)}>
        {props.no}
      </button>
    </div>
  );
}
