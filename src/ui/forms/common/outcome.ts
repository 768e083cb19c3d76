import type { Translate } from '../../i18n';
import type { common } from './messages';
import type { SealOutcome } from './seal-form';

type CommonKey = keyof (typeof common)['en'];

/** A refused or failed seal in words the person can act on. */
export function outcomeMessage(out: Exclude<SealOutcome, { ok: true }>, t: Translate<CommonKey>): string {
  switch (out.kind) {
    case 'invalid':
      return t('problem', { message: out.message });
    case 'storage-full':
      return t('storageFull');
    case 'no-key':
      return t('noKey');
    case 'failed':
      return t('sealFailed', { message: out.message });
  }
}
