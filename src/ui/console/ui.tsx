import type { ComponentChildren, JSX } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { localeOf } from '../components/format';
import { AppContext } from '../context';
import { LANGS, LangContext, useT, type Lang } from '../i18n';
import { describeError, type Loaded } from './context';
import { shellMessages } from './messages';

/** Small building blocks of the console pages (desktop and tablet layout; see console.css). */

type ButtonProps = JSX.HTMLAttributes<HTMLButtonElement> & {
  kind?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  type?: 'button' | 'submit';
};

export function Button({ kind = 'plain', type = 'button', class: cls, ...rest }: ButtonProps) {
  return <button type={type} class={`c-btn c-btn-${kind} ${(cls as string | undefined) ?? ''}`} {...rest} />;
}

/**
 * A modal dialog: focus moves into it, Escape or the backdrop closes it. A plain element with
 * role="dialog" rather than <dialog>, which older tablet browsers lack.
 */
export function Dialog(props: { title: string; onClose(): void; children: ComponentChildren; wide?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, []);
  return (
    <div class="c-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div ref={box} class={`c-dialog ${props.wide ? 'c-dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-label={props.title}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(shellMessages);
  return (
    <div class="c-banner c-banner-error" role="alert">
      <span>{describeError(error, t)}</span>
      {onRetry && <Button onClick={onRetry}>{t('retry')}</Button>}
    </div>
  );
}

/** A load until its data is there: what went wrong (with a retry), or that it is under way. */
export function LoadStatus({ load }: { load: Loaded<unknown> }) {
  return (
    <>
      {load.error != null && <ErrorBanner error={load.error} onRetry={load.reload} />}
      {load.loading && !load.data && <Loading />}
    </>
  );
}

/** A console page's heading, with what stands beside it (`children`), and the line under it (`intro`). */
export function PageHead({ title, intro, children }: { title: string; intro?: string; children?: ComponentChildren }) {
  return (
    <>
      <div class="c-page-head">
        <h1>{title}</h1>
        {children}
      </div>
      {intro && <p class="c-muted">{intro}</p>}
    </>
  );
}

/** A choice of campaign, by name. */
export function CampaignSelect(props: { campaigns: { id: string; name: string }[]; value: string | null; onChange(id: string): void }) {
  return (
    <select value={props.value ?? ''} onChange={(e) => props.onChange(e.currentTarget.value)}>
      {props.campaigns.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

interface ChoiceProps {
  value: string;
  onChange(value: string): void;
  /** The first choice, of none or all: its label ("" is its value). */
  none: string;
  /** The first choice is a prompt that cannot be chosen, for a form that needs an answer. */
  noneDisabled?: boolean;
  name?: string;
  required?: boolean;
}

/** A choice among `options` (value and label) after a first choice of none. */
export function Choice({ options, ...props }: ChoiceProps & { options: readonly (readonly [value: string, label: string])[] }) {
  return (
    <select name={props.name} required={props.required} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <option value="" disabled={props.noneDisabled}>
        {props.none}
      </option>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** A choice of unit, by name, after a first choice of none. */
export function UnitSelect({ units, ...props }: ChoiceProps & { units: readonly { id: string; name: string }[] }) {
  return <Choice options={units.map((u) => [u.id, u.name] as const)} {...props} />;
}

/** What a form found wrong before sending (`problem`), then what the server answered (`error`). */
export function FormProblems({ problem, error }: { problem: string | null; error: unknown }) {
  return (
    <>
      {problem && (
        <p class="c-banner c-banner-error" role="alert">
          {problem}
        </p>
      )}
      {error != null && <ErrorBanner error={error} />}
    </>
  );
}

/**
 * The reason (or note) of an office decision, with the form's problems beneath it. `invalid` marks
 * the box itself when the problem is about it (an empty reason).
 */
export function ReasonField(props: {
  label: string;
  value: string;
  onInput(value: string): void;
  rows?: number;
  problem: string | null;
  error: unknown;
  invalid?: boolean;
}) {
  return (
    <>
      <label class="c-field">
        <span>{props.label}</span>
        <textarea
          rows={props.rows ?? 2}
          maxLength={2000}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          aria-invalid={props.invalid || undefined}
        />
      </label>
      <FormProblems problem={props.problem} error={props.error} />
    </>
  );
}

/** The interface language, kept by the app shell; hidden when the console runs without it (tests). */
export function LangSelect() {
  const t = useT(shellMessages);
  const lang = useContext(LangContext);
  const app = useContext(AppContext);
  if (!app) return null;
  return (
    <label class="c-inline">
      <span>{t('language')}</span>
      <select value={lang} onChange={(e) => app.setLang(e.currentTarget.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l.id} value={l.id}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Loading() {
  const t = useT(shellMessages);
  return (
    <p class="c-muted" role="status">
      {t('loading')}
    </p>
  );
}

/** A number at 2 decimals for display (computation keeps full precision); — when undefined. */
export function fmt2(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2);
}

/** A time in the viewer's zone, 24-hour in every language (office times read the same everywhere); — when absent. */
export function fmtTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(localeOf(lang), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
