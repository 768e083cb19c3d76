import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { ChangeList } from './ChangeList';
import { setupMessages } from './messages';
import { unitsFromPaste } from './paste-units';
import { SaveFlow } from './SaveFlow';

/** 粘贴被评单位: a column copied from Excel becomes new units, shown in words before saving. */
export function PasteUnitsSection({ campaign, onSaved }: { campaign: Campaign; onSaved(): void }) {
  const t = useT(setupMessages);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const added = unitsFromPaste(text, campaign);
  const draft = { ...campaign, units: [...campaign.units, ...added] };
  return (
    <section aria-labelledby="paste-title">
      <h2 id="paste-title">{t('pasteUnits')}</h2>
      <p class="c-muted">{t('pasteHint')}</p>
      <textarea
        rows={6}
        value={text}
        aria-labelledby="paste-title"
        data-testid="paste-units"
        onInput={(e) => (setText(e.currentTarget.value), setSaved(null))}
      />
      {saved !== null && added.length === 0 && (
        <p class="c-banner c-banner-ok" role="status">
          {t('saved', { n: saved })}
        </p>
      )}
      {added.length > 0 && (
        <>
          <ChangeList changes={added.map((u) => ({ kind: 'unit-added', id: u.id, name: u.name }))} testId="paste-changes" />
          <SaveFlow
            draft={draft}
            current={campaign}
            onSaved={(version) => {
              setText('');
              setSaved(version);
              onSaved();
            }}
          />
        </>
      )}
    </section>
  );
}
