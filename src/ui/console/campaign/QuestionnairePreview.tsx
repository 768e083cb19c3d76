import { useState } from 'preact/hooks';
import { F2fEditor } from '../../forms/f2f/F2fEditor';
import type { Body } from '../../forms/common/body';
import type { F2fSecret } from '../../forms/f2f/model';
import { localizeCampaign } from '../../components/useCampaign';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { editorMessages } from './editor-messages';
import { useLang } from './useLang';

/**
 * The tablet's questionnaire for a definition not yet saved, drawn by the field app's own form
 * (F2fEditor) in the interface language, as a representative sees it: rater groups, each 评议内容
 * with its hint and its yes/no questions, the overall rating, the optional part. Choices made here
 * stay in this box: nothing is stored or sent.
 */
export function QuestionnairePreview({ campaign }: { campaign: Campaign }) {
  const t = useT(editorMessages);
  const lang = useLang();
  const c = localizeCampaign(campaign, lang);
  const units = c.units.filter((u) => !u.retired);
  const [body, setBody] = useState<Body>({ unitId: units[0]?.id ?? '', channel: 'stall' });
  const [secret, setSecret] = useState<F2fSecret | undefined>(undefined);
  return (
    <section class="c-preview" aria-label={t('previewTitle')} data-testid="questionnaire-preview">
      <p class="c-muted">{t('previewTitle')}</p>
      <label class="c-field">
        <span>{t('previewUnit')}</span>
        <select value={String(body.unitId)} onChange={(e) => setBody({ ...body, unitId: e.currentTarget.value })}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <div class="c-preview-tablet">
        <F2fEditor
          campaign={c}
          body={body}
          secret={secret}
          onBody={setBody}
          onSecret={(s) => setSecret(s ?? undefined)}
          invalid={new Set()}
          canSeal={c.encryptionKey !== null}
        />
      </div>
    </section>
  );
}
