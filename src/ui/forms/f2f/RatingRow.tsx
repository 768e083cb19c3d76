import { useState } from 'preact/hooks';
import type { ScaleLevel } from '../../../domain/campaign';
import { onRadioKeys, radioTabIndex } from '../common/Chips';
import { Question } from '../common/Question';

/**
 * One dimension rated on the campaign's scale: the levels side by side as large buttons, 不了解
 * (a level without a score) set apart as the valid answer it is. The dimension's hint opens on tap.
 */
export function RatingRow(props: {
  anchor: string;
  label: string;
  hint?: string;
  scale: ScaleLevel[];
  value: string | undefined;
  onChange(key: string): void;
  invalid?: boolean;
  hintLabel: string;
  hideHintLabel: string;
  overall?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const hintId = `${props.anchor}-hint`;
  const aside = props.hint ? (
    <button
      type="button"
      class="hint-btn"
      aria-expanded={open}
      aria-controls={hintId}
      onClick={() => setOpen(!open)}
      title={open ? props.hideHintLabel : props.hintLabel}
    >
      <span aria-hidden="true">ⓘ</span>
      <span class="sr-only">{open ? props.hideHintLabel : props.hintLabel}</span>
    </button>
  ) : undefined;
  return (
    <Question anchor={props.anchor} label={props.label} invalid={props.invalid} aside={aside} class={props.overall ? 'q-rating q-overall' : 'q-rating'}>
      {open && props.hint && (
        <p class="q-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus -- keys bubble from the radios, which hold the focus (ARIA radio group pattern: the group itself takes no tab stop) */}
      <div class="rating" role="radiogroup" aria-label={props.label} onKeyDown={onRadioKeys}>
        {props.scale.map((l, i) => {
          const on = props.value === l.key;
          const cls = ['rate', l.score === null ? 'rate-unknown' : `rate-${i}`, on ? 'rate-on' : ''].filter(Boolean).join(' ');
          return (
            <button
              type="button"
              key={l.key}
              role="radio"
              aria-checked={on}
              tabIndex={radioTabIndex(
                on,
                i,
                props.scale.some((x) => x.key === props.value),
              )}
              class={cls}
              onClick={() => props.onChange(l.key)}
            >
              {on && <span aria-hidden="true">✓ </span>}
              {l.label}
            </button>
          );
        })}
      </div>
    </Question>
  );
}
