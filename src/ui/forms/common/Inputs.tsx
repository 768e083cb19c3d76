import { fromLocalInput, toLocalInput } from './body';

/**
 * Text inputs for the few things that must be typed. They report every keystroke (the draft store
 * coalesces the writes), so nothing typed is lost if the tablet dies mid-sentence.
 */

export function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onInput(v: string): void;
  maxLength?: number;
  inputMode?: 'text' | 'tel' | 'numeric' | 'decimal';
  placeholder?: string;
}) {
  return (
    <input
      id={props.id}
      class="input"
      type={props.inputMode === 'tel' ? 'tel' : 'text'}
      inputMode={props.inputMode}
      aria-label={props.label}
      value={props.value}
      maxLength={props.maxLength}
      placeholder={props.placeholder}
      onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
    />
  );
}

export function TextArea(props: {
  id: string;
  label: string;
  value: string;
  onInput(v: string): void;
  maxLength?: number;
  rows?: number;
  placeholder?: string;
}) {
  return (
    <textarea
      id={props.id}
      class="input textarea"
      aria-label={props.label}
      rows={props.rows ?? 3}
      value={props.value}
      maxLength={props.maxLength}
      placeholder={props.placeholder}
      onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
    />
  );
}

/** A date and time (local wall time on screen, RFC 3339 UTC in the body) with a "now" button. */
export function TimeInput(props: {
  id: string;
  label: string;
  value: string | undefined;
  onChange(iso: string | undefined): void;
  nowLabel: string;
  now?: () => number;
}) {
  return (
    <div class="time-input">
      <input
        id={props.id}
        class="input"
        type="datetime-local"
        aria-label={props.label}
        value={toLocalInput(props.value)}
        onChange={(e) => props.onChange(fromLocalInput((e.currentTarget as HTMLInputElement).value))}
      />
      <button type="button" class="btn btn-secondary" onClick={() => props.onChange(new Date((props.now ?? Date.now)()).toISOString())}>
        {props.nowLabel}
      </button>
    </div>
  );
}
