import { useEffect, useState } from 'preact/hooks';
import { recordDetail } from '../../../store/queries';
import { LinkButton } from '../../components/Button';
import { useApp, type ScreenProps } from '../../context';
import { useT } from '../../i18n';
import '../common/forms.css';
import { CorrectionForm } from './CorrectionForm';
import { correctMessages } from './messages';
import { planCorrection, type CorrectionAction, type CorrectionPlan, type Refusal } from './model';

type State = { kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'ready'; plan: CorrectionPlan };

/**
 * Corrections (#/correct/:hash?action=amend|void): 更正 seals an amend with a full replacement
 * body, 作废 a void; both need a reason, both leave the original as it was.
 */
export default function CorrectionScreen(props: ScreenProps) {
  const { db, session } = useApp();
  const t = useT(correctMessages);
  const hash = props.params.hash ?? '';
  const [action, setAction] = useState<CorrectionAction | undefined>(actionOf(props.params.action));
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void recordDetail(db, hash).then((detail) => {
      if (!live) return;
      const p = planCorrection(detail, session);
      setState(p.ok ? { kind: 'ready', plan: p.plan } : { kind: 'refused', refusal: p.refusal });
    });
    return () => {
      live = false;
    };
  }, [db, hash, session]);
  useEffect(() => setAction(actionOf(props.params.action)), [props.params.action]);

  const title = action === 'amend' ? t('amendTitle') : action === 'void' ? t('voidTitle') : t('chooseTitle');
  return (
    <div class="form-screen">
      <h1 id="form-title" class="form-title">
        {title}
      </h1>
      {state.kind === 'refused' && <Refused refusal={state.refusal} action={action} />}
      {state.kind === 'ready' && !action && (
        <div class="row">
          <button type="button" class="btn btn-primary btn-large" onClick={() => setAction('amend')}>
            {t('amend')}
          </button>
          <button type="button" class="btn btn-danger btn-large" onClick={() => setAction('void')}>
            {t('void')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && action && <CorrectionForm key={action} plan={state.plan} action={action} />}
    </div>
  );
}

function actionOf(v: string | undefined): CorrectionAction | undefined {
  return v === 'amend' || v === 'void' ? v : undefined;
}

/** Why this record cannot be corrected, in words, with the way to the original when there is one. */
function Refused(props: { refusal: Refusal; action: CorrectionAction | undefined }) {
  const t = useT(correctMessages);
  const r = props.refusal;
  const text =
    r.kind === 'missing'
      ? t('refusedMissing')
      : r.kind === 'is-correction'
        ? t('refusedCorrection')
        : r.kind === 'voided'
          ? t('refusedVoided', { seq: r.by.seq })
          : t('refusedOtherChain');
  return (
    <div class="form-error" role="alert">
      <p>{text}</p>
      {r.kind === 'is-correction' && r.original && (
        <LinkButton href={`#/records/${r.original.hash}`} variant="secondary">
          {t('toOriginal')}
        </LinkButton>
      )}
    </div>
  );
}
