import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { OpinionRow } from '../api-types';
import { useConsole } from '../context';
import { ItemForm } from '../rect/ItemForm';
import { Button, Dialog } from '../ui';
import { opinionMessages } from './messages';
import { itemDraftOf } from './to-item';

/** 生成整改事项: the chosen opinions become one rectification item, in the item form filled from them. */
export function RectFromOpinions({ rows, onDone }: { rows: OpinionRow[]; onDone(): void }) {
  const t = useT(opinionMessages);
  const { campaign } = useConsole();
  const c = campaign!;
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const draft = open ? itemDraftOf(rows, c, (s) => t(s)) : null;
  const unitName = (id: string) => c.units.find((u) => u.id === id)?.name ?? id;

  return (
    <div class="c-card" role="group" aria-labelledby="rect-from-heading">
      <h2 id="rect-from-heading">{t('rectHeading')}</h2>
      <p class="c-muted">{t('rectIntro')}</p>
      {problem && (
        <p class="c-banner c-banner-error" role="alert">
          {problem}
        </p>
      )}
      <div class="c-actions">
        <Button
          kind="primary"
          onClick={() => {
            if (rows.length === 0) return setProblem(t('noneChosen'));
            setProblem(null);
            setOpen(true);
          }}
        >
          {t('makeItem', { n: rows.length })}
        </Button>
      </div>
      {draft && (
        <Dialog title={t('makeItemTitle')} onClose={() => setOpen(false)} wide>
          <p class="c-muted">{t('fromChosen', { n: rows.length, sources: draft.sources?.length ?? 0 })}</p>
          {draft.units.length > 1 && (
            <p class="c-banner c-banner-info" role="note">
              {t('severalUnits', { units: draft.units.map(unitName).join('、') })}
            </p>
          )}
          <ItemForm
            draft={draft}
            onCancel={() => setOpen(false)}
            onDone={() => {
              setOpen(false);
              onDone();
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
