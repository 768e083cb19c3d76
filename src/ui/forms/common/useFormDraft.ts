import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Draft } from '../../../store/db';
import { applyAnswer, createDraftWriter, type DraftChange } from '../../../store/drafts';
import { useApp } from '../../context';

export interface FormDraft {
  draft: Draft;
  /** The latest version, for work that finishes after a render (photos being processed). */
  current(): Draft;
  /** One answer: applied at once and written to the draft store (firstAnswerAt on the first). */
  answer(change: DraftChange): void;
  /**
   * A change that is not an answer (the f2f unit and place chosen once for the session): kept in
   * memory while the draft has no answer yet, written like an answer once it has.
   */
  adjust(change: DraftChange): void;
  /** Switches to another draft (resumed, or the next respondent's), dropping pending writes. */
  replace(draft: Draft): void;
  /** Resolves when every answer so far is stored. */
  flush(): Promise<void>;
  /** Why the last write failed (storage full…), until the next one succeeds. */
  saveError: string | undefined;
}

/** A form's draft, saved answer by answer. One writer per screen, so writes stay in order. */
export function useFormDraft(make: () => Draft): FormDraft {
  const { db, setDirty } = useApp();
  const [saveError, setSaveError] = useState<string | undefined>();
  const writer = useMemo(() => createDraftWriter(db, (e) => setSaveError(e instanceof Error ? e.message : String(e))), [db]);
  const ref = useRef<Draft | null>(null);
  if (!ref.current) ref.current = make();
  const [draft, setDraft] = useState<Draft>(ref.current);
  const set = (d: Draft) => {
    ref.current = d;
    setDraft(d);
  };

  // An app update waits while a form holds answers (they are stored, but the person is mid-form).
  useEffect(() => () => setDirty(false), [setDirty]);

  const answer = (change: DraftChange) => {
    const next = applyAnswer(ref.current!, change, Date.now());
    set(next);
    setDirty(true);
    setSaveError(undefined);
    void writer.write(next);
  };
  return {
    draft,
    current: () => ref.current!,
    answer,
    adjust(change) {
      const cur = ref.current!;
      if (cur.firstAnswerAt !== undefined) return answer(change);
      set({
        ...cur,
        ...(change.body ? { body: change.body } : {}),
        ...(change.secret ? { secret: change.secret } : {}),
        ...(change.attachments ? { attachments: change.attachments } : {}),
      });
    },
    replace(d) {
      writer.cancel();
      set(d);
      setDirty(d.firstAnswerAt !== undefined);
    },
    flush: () => writer.flush(),
    saveError,
  };
}
