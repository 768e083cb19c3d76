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

  // Read again whenever the route changes, even for the same record: a void sealed a moment ago
  // must refuse the amend that follows it.
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void recordDetail(db, hash).then((detail) => {
      if (!live) return;
      const p = planCorrection(detail, session);
      setState(p.ok ? { kind: 'ready', plan: p.plan } : { kind: 'refused', refusal: p.refusal });
    });
    return () => {
      live = false;
    };
  }, [db, hash, session, props.params.action]);
  useEffect(() => setAction(actionOf(props.params.action)), [props.params.action]);

  const title = action === 'amend' ? t('amendTitle') : action === 'void' ? t('voidTitle') : t('chooseTitle');
  return (
    <div class="form-screen">
      <h1 id="form-title" class="form-title">
        {title}
      </h1>
      {state.kind === 'refused' && <Refused refusal={state.refusal} hash={hash} />}
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
function Refused(props: { refusal: Refusal; hash: string }) {
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
      {(r.kind === 'voided' || r.kind === 'other-chain') && (
        <LinkButton href={`#/records/${props.hash}`} variant="secondary">
          {t('backToOriginal')}
        </LinkButton>
      )}
    </div>
  );
}
