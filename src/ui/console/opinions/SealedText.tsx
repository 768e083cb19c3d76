import { useEffect, useState } from 'preact/hooks';
import { withAnyId } from '../../../domain/kept';
import type { Sealed } from '../../../domain/records';
import { decryptSealed } from '../../../platform/hpke';
import { useT } from '../../i18n';
import type { OpinionRow } from '../api-types';
import type { CampaignKey } from '../findings/keyring';
import { opinionMessages } from './messages';

type State = 'locked' | 'working' | 'failed' | { description: string };

/**
 * A finding's description, decrypted in this browser with the unlocked campaign key. Only the
 * description is shown: any names in the sealed part stay out of the list.
 */
export function SealedText({ sealed, campaignKey }: { sealed: NonNullable<OpinionRow['sealed']>; campaignKey: CampaignKey | null }) {
  const t = useT(opinionMessages);
  const [state, setState] = useState<State>('locked');
  useEffect(() => {
    if (!campaignKey) return setState('locked');
    let live = true;
    setState('working');
    const { ids, ...part } = sealed;
    withAnyId(ids, (id) => decryptSealed(campaignKey.privateKey, id, part as Sealed)).then(
      (fields) => live && setState({ description: typeof fields.description === 'string' ? fields.description : '' }),
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the ciphertext identifies the part
  }, [campaignKey, sealed.ct]);
  if (state === 'locked') return <span class="c-muted">{t('sealedLocked')}</span>;
  if (state === 'working') return <span class="c-muted">{t('decrypting')}</span>;
  if (state === 'failed') return <span class="c-muted">{t('sealedFailed')}</span>;
  return <span data-testid="opinion-secret">{state.description}</span>;
}
