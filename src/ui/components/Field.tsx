import type { ComponentChildren } from 'preact';

/** A labelled form control with an optional hint and error, announced together. */
export function Field(props: { label: string; hint?: string; error?: string; id: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label class="field-label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p class="field-message" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A read-only label/value pair, for detail views. */
export function ReadField(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="read-field">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
