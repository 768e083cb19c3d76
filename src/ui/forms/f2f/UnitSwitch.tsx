import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n';
import { common } from '../common/messages';
import { f2fMessages } from './messages';

/** Asked when the unit changes mid-questionnaire: keep the answers for the new unit, or start again. */
export function UnitSwitch(props: { from: string; to: string; onKeep(): void; onRestart(): void; onCancel(): void }) {
  const t = useT(f2fMessages);
  const tc = useT(common);
  return (
    <Dialog
      title={t('switchTitle', { unit: props.to })}
      onClose={props.onCancel}
      actions={
        <>
          <button type="button" class="btn btn-secondary btn-large" onClick={props.onCancel}>
            {tc('cancel')}
          </button>
          <button type="button" class="btn btn-secondary btn-large" onClick={props.onRestart}>
            {t('switchRestart')}
          </button>
          <button type="button" class="btn btn-primary btn-large" onClick={props.onKeep}>
            {t('switchKeep')}
          </button>
        </>
      }
    >
      <p>{t('switchText', { from: props.from, to: props.to })}</p>
    </Dialog>
  );
}
