import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { Button } from '../ui';
import { CampaignEditor } from './CampaignEditor';
import { editorMessages } from './editor-messages';
import { setupMessages } from './messages';

/** 编辑活动: the campaign in view, field by field (opened on demand: the form is long). */
export function EditSection({ campaign, onSaved }: { campaign: Campaign; onSaved(): void }) {
  const t = useT(editorMessages);
  const ts = useT(setupMessages);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{t('editor')}</h2>
      <Button onClick={() => setOpen(!open)} aria-expanded={open} data-testid="open-editor">
        {open ? t('close') : t('open')}
      </Button>
      {saved !== null && (
        <p class="c-banner c-banner-ok" role="status" data-testid="editor-saved">
          {ts('saved', { n: saved })}
        </p>
      )}
      {/* A new version starts a new form from it. */}
      {open && (
        <CampaignEditor
          key={campaign.version}
          base={campaign}
          onSaved={(v) => {
            setSaved(v);
            onSaved();
          }}
        />
      )}
    </section>
  );
}
