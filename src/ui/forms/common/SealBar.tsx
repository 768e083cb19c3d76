import type { ComponentChildren } from 'preact';
import { useT } from '../../i18n';
import type { Missing } from './body';
import { common } from './messages';
import { ErrorNote, MissingList } from './Notices';

/**
 * The foot of a form: what is still missing (after a refused seal), any other reason, and the
 * seal button, kept in reach of a thumb at the bottom of the screen.
 */
export function SealBar(props: {
  missing: Missing[];
  error?: string;
  busy: boolean;
  /** Not ready for another reason (photos still being processed): the button waits, its label stays. */
  disabled?: boolean;
  onSeal(): void;
  /** A record was sealed a moment ago: the button says so and takes no tap (a doubled tap lands here). */
  justSealed?: boolean;
  label?: string;
  danger?: boolean;
  children?: ComponentChildren;
}) {
  const t = useT(common);
  return (
    <div class="seal-bar">
      <MissingList
        missing={props.missing}
        title={t('missingTitle')}
        lead={(list) => t('missing', { list })}
        wrongLead={(list) => t('wrong', { list })}
        sep={t('listSep')}
      />
      <ErrorNote message={props.error} />
      <div class="seal-row">
        {props.children}
        <button
          type="button"
          class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'} btn-large seal-btn`}
          disabled={props.busy || props.disabled || props.justSealed}
          aria-busy={props.busy}
          onClick={props.onSeal}
        >
          {props.busy ? t('sealing') : props.justSealed ? `✓ ${t('sealed')}` : (props.label ?? t('seal'))}
        </button>
      </div>
    </div>
  );
}
