import { Icon } from '../../components/icons';
import { useT } from '../../i18n';
import { correctMessages } from './messages';
import type { Kept } from './model';

/**
 * What a correction carries over from the record in force: its confidential part, unchanged
 * unless retyped (the tablet cannot read it), and its photos.
 */
export function KeptNote(props: { kept: Kept; replacing: boolean; canRetype: boolean; onReplace(): void; onKeep(): void }) {
  const t = useT(correctMessages);
  const { kept } = props;
  return (
    <section class="kept-note" aria-label={t('secretKept')} data-testid="kept-note">
      {kept.sealed && !props.replacing && (
        <>
          <p class="confidential">
            <Icon name="lock" size={18} /> <strong>{t('secretKept')}</strong>
          </p>
          <p class="muted">{t('secretKeptWhy')}</p>
        </>
      )}
      {kept.sealed && props.replacing && <p class="confidential">{t('secretReplacing')}</p>}
      {!!kept.attachments?.length && <p>{t('photosKept', { n: kept.attachments.length })}</p>}
      {kept.sealed && props.canRetype && (
        <button type="button" class="btn btn-secondary" onClick={props.replacing ? props.onKeep : props.onReplace}>
          {props.replacing ? t('keepSecret') : t('replaceSecret')}
        </button>
      )}
    </section>
  );
}
