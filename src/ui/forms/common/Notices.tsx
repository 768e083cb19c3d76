import { useEffect, useRef } from 'preact/hooks';
import type { Missing } from './body';
import { focusQuestion } from './Question';

/**
 * Why a seal was refused, in words: every missing answer named ("还缺：依法办事、总体评价"),
 * each name a button that scrolls to its question.
 */
export function MissingList(props: { missing: Missing[]; title: string; lead: (list: string) => string; wrongLead: (list: string) => string; sep: string }) {
  const box = useRef<HTMLDivElement>(null);
  const count = props.missing.length;
  useEffect(() => {
    if (count) box.current?.focus();
  }, [count]);
  if (!count) return null;
  const lacking = props.missing.filter((m) => !m.wrong);
  const wrong = props.missing.filter((m) => m.wrong);
  return (
    <div class="missing" role="alert" tabIndex={-1} ref={box}>
      <strong class="missing-title">{props.title}</strong>
      {lacking.length > 0 && <p class="missing-lead">{props.lead(lacking.map((m) => m.label).join(props.sep))}</p>}
      {wrong.length > 0 && <p class="missing-lead">{props.wrongLead(wrong.map((m) => m.label).join(props.sep))}</p>}
      <div class="missing-links">
        {props.missing.map((m, i) => (
          <button type="button" key={`${i}-${m.anchor}`} class="missing-link" onClick={() => focusQuestion(m.anchor)}>
            {m.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** A note that stays until its cause goes away (seal refused for another reason, save failed). */
export function ErrorNote(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="form-error" role="alert">
      {props.message}
    </p>
  );
}

/** A short message with an action (撤销), gone by itself after `ms`. */
export function UndoToast(props: { message: string; action: string; onAction(): void; onDone(): void; ms?: number }) {
  const done = useRef(props.onDone);
  done.current = props.onDone;
  useEffect(() => {
    const t = setTimeout(() => done.current(), props.ms ?? 8000);
    return () => clearTimeout(t);
  }, [props.message, props.ms]);
  return (
    <div class="toast toast-action" role="status" aria-live="polite">
      <span>{props.message}</span>
      <button type="button" class="btn btn-quiet toast-btn" onClick={props.onAction}>
        {props.action}
      </button>
    </div>
  );
}

/** "有未完成的问卷，继续填写？" with continue and discard. */
export function ResumePrompt(props: { title: string; detail: string; resume: string; discard: string; onResume(): void; onDiscard(): void }) {
  return (
    <div class="resume" role="alertdialog" aria-label={props.title}>
      <p class="resume-title">{props.title}</p>
      <p class="resume-detail">{props.detail}</p>
      <div class="resume-actions">
        <button type="button" class="btn btn-primary btn-large" onClick={props.onResume}>
          {props.resume}
        </button>
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onDiscard}>
          {props.discard}
        </button>
      </div>
    </div>
  );
}
