import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../../i18n';
import type { EditorKey } from './editor-messages';

/** What every field of the editor needs: the messages, the problem at a path, and marking a field typed into. */
export interface EditorCtx {
  t: Translate<EditorKey>;
  /** The problem shown at `path` (once the field was typed into, or after a save was tried). */
  problem(path: string): string | undefined;
  touch(path: string): void;
}
export const EditorContext = createContext<EditorCtx | null>(null);
const useEditor = () => useContext(EditorContext)!;

const domId = (path: string) => `ed-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A problem beside its field, announced to screen readers as it appears. */
export function Problem({ path, always }: { path: string; always?: string }) {
  const { problem } = useEditor();
  const text = always ?? problem(path);
  if (!text) return null;
  return (
    <span class="c-field-problem" id={`${domId(path)}-problem`} role="alert">
      {text}
    </span>
  );
}

/** One text field with its label and, next to it, its problem. */
export function Field(p: {
  label: string;
  path: string;
  value: string;
  onInput(v: string): void;
  type?: 'text' | 'date';
  inputMode?: 'numeric' | 'decimal';
  wide?: boolean;
  multiline?: boolean;
  testId?: string;
}) {
  const { problem, touch } = useEditor();
  const bad = problem(p.path);
  const common = {
    id: domId(p.path),
    value: p.value,
    'aria-invalid': !!bad,
    'aria-describedby': bad ? `${domId(p.path)}-problem` : undefined,
    'data-testid': p.testId,
  };
  const onInput = (v: string) => {
    touch(p.path);
    p.onInput(v);
  };
  return (
    <div class={`c-field c-ed-field ${p.wide ? 'c-ed-wide' : ''}`}>
      <label for={common.id}>{p.label}</label>
      {p.multiline ? (
        <textarea {...common} rows={2} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <input {...common} type={p.type ?? 'text'} inputMode={p.inputMode} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
      <Problem path={p.path} />
    </div>
  );
}

export function Check(p: { label: string; checked: boolean; onChange(v: boolean): void; testId?: string }) {
  return (
    <label class="c-ed-check">
      <input type="checkbox" checked={p.checked} data-testid={p.testId} onChange={(e) => p.onChange(e.currentTarget.checked)} />
      <span>{p.label}</span>
    </label>
  );
}

/** A row of a list: its fields side by side and a button to remove it. */
export function Row(p: { children: ComponentChildren; onRemove?: () => void; removeLabel: string; testId?: string }) {
  const { t } = useEditor();
  return (
    <div class="c-ed-row" data-testid={p.testId}>
      {p.children}
      {p.onRemove && (
        <button type="button" class="c-btn c-btn-plain c-ed-remove" aria-label={p.removeLabel} onClick={p.onRemove}>
          {t('remove')}
        </button>
      )}
    </div>
  );
}

/** A part of the form under its own heading. */
export function Part(p: { title: string; path?: string; children: ComponentChildren; testId?: string }) {
  return (
    <fieldset class="c-ed-part" data-testid={p.testId}>
      <legend>{p.title}</legend>
      {p.path && <Problem path={p.path} />}
      {p.children}
    </fieldset>
  );
}
