import { useState } from 'preact/hooks';
import { OPINION_TAGS, type OpinionTag } from '../../../domain/opinions';
import { useT } from '../../i18n';
import { useConsole, useRefused } from '../context';
import { Button, ReasonField } from '../ui';
import { opinionMessages } from './messages';

/** 甄别 of the chosen opinions: tags and a note, saved as one office action. */
export function TagPanel({ refs, onDone }: { refs: string[]; onDone(n: number): void }) {
  const t = useT(opinionMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const [tags, setTags] = useState<Set<OpinionTag>>(new Set());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const toggle = (tag: OpinionTag, on: boolean) => {
    const next = new Set(tags);
    if (on) next.add(tag);
    else next.delete(tag);
    setTags(next);
  };

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    setError(null);
    if (refs.length === 0) return setProblem(t('noneChosen'));
    if (tags.has('substantiated') && tags.has('unsubstantiated')) return setProblem(t('bothTrue'));
    setBusy(true);
    try {
      const note_ = note.trim();
      await api.tagOpinions(campaign!.id, { refs, tags: OPINION_TAGS.filter((x) => tags.has(x)), ...(note_ ? { note: note_ } : {}) });
      setTags(new Set());
      setNote('');
      onDone(refs.length);
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="c-card c-opinion-tags" onSubmit={submit} aria-label={t('tagHeading')}>
      <h2>{t('tagHeading')}</h2>
      <p class="c-muted" role="status">
        {t('chosen', { n: refs.length })}
      </p>
      <fieldset class="c-filters">
        <legend>{t('tags')}</legend>
        {OPINION_TAGS.map((tag) => (
          <label key={tag} class="c-inline">
            <input type="checkbox" checked={tags.has(tag)} onChange={(e) => toggle(tag, e.currentTarget.checked)} />
            <span>{t(tag)}</span>
          </label>
        ))}
      </fieldset>
      <ReasonField label={t('note')} rows={2} value={note} onInput={setNote} problem={problem} error={error} />
      <div class="c-actions">
        <Button type="submit" kind="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </Button>
      </div>
    </form>
  );
}
