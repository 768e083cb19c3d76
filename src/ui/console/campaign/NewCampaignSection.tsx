import { useState } from 'preact/hooks';
import { IdSchema } from '../../../domain/campaign';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { useConsole } from '../context';
import { Button, ErrorBanner } from '../ui';
import { CampaignEditor } from './CampaignEditor';
import { editorMessages } from './editor-messages';
import { setupMessages } from './messages';
import { fromTemplate, type TemplateId } from './templates';

/** 新建活动 from a template (seed 000 style, seed 004 style, or a copy of the campaign in view). */
export function NewCampaignSection({ current, existing }: { current: Campaign; existing: string[] }) {
  const { api } = useConsole();
  const t = useT(setupMessages);
  const [tpl, setTpl] = useState<TemplateId>('seed-000');
  const [head, setHead] = useState({ id: '', name: '', year: String(current.year + 1) });
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const te = useT(editorMessages);
  /** The new campaign's definition in the editor, before its first save. */
  const [drafting, setDrafting] = useState<Campaign | null>(null);
  // Checked as the office types, with the same rules as the server.
  const year = Number(head.year);
  const problems = {
    id: !IdSchema.safeParse(head.id).success ? t('badId') : existing.includes(head.id) ? t('taken', { id: head.id }) : '',
    name: head.name.trim() === '' || head.name.length > 200 ? t('badName') : '',
    year: !Number.isInteger(year) || year < 2000 || year > 2100 ? t('badYear') : '',
  };
  const ok = !problems.id && !problems.name && !problems.year;
  const create = async () => {
    setError(null);
    try {
      await api.putCampaign(fromTemplate(tpl, current, { id: head.id, name: head.name.trim(), year }));
      setDone(head.name.trim());
    } catch (e) {
      setError(e);
    }
  };
  const field = (key: 'id' | 'name' | 'year', label: string) => (
    <label class="c-field">
      {label}
      <input
        value={head[key]}
        data-testid={`new-${key}`}
        aria-invalid={!!problems[key] && head[key] !== ''}
        onInput={(e) => setHead({ ...head, [key]: e.currentTarget.value })}
      />
      {head[key] !== '' && problems[key] && <span class="c-field-problem">{problems[key]}</span>}
    </label>
  );
  return (
    <section aria-labelledby="new-title">
      <h2 id="new-title">{t('newCampaign')}</h2>
      <label class="c-field">
        {t('template')}
        <select value={tpl} data-testid="new-template" onChange={(e) => setTpl(e.currentTarget.value as TemplateId)}>
          <option value="seed-000">{t('tpl000')}</option>
          <option value="seed-004">{t('tpl004')}</option>
          <option value="copy">{t('tplCopy', { name: current.name })}</option>
        </select>
      </label>
      {field('id', t('newId'))}
      {field('name', t('newName'))}
      {field('year', t('newYear'))}
      <Button kind="primary" disabled={!ok} onClick={create} data-testid="new-create">
        {t('create')}
      </Button>{' '}
      <Button disabled={!ok} onClick={() => setDrafting(fromTemplate(tpl, current, { id: head.id, name: head.name.trim(), year }))} data-testid="new-edit">
        {te('openNew')}
      </Button>
      {drafting && (
        <div aria-label={te('editorNew', { id: drafting.id })} role="group">
          <h3>{te('editorNew', { id: drafting.id })}</h3>
          <CampaignEditor
            key={drafting.id}
            base={drafting}
            isNew
            onSaved={() => {
              setDone(drafting.name);
              setDrafting(null);
            }}
          />
        </div>
      )}
      {done && (
        <p class="c-banner c-banner-ok" role="status">
          {t('created', { name: done })}
        </p>
      )}
      {error != null && <ErrorBanner error={error} />}
    </section>
  );
}
