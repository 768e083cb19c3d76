import type { Strings } from '../../i18n';
import type { vetoMessages } from './veto-messages';

export default {
  title: 'Veto (一票否决)',
  hint: 'A vetoed unit keeps its scores but is not ranked: it is listed after the ranked units, flagged vetoed. Vetoes and their lifting are logged.',
  none: 'No unit is vetoed.',
  lift: 'Lift the veto',
  liftNamed: 'Lift the veto on {name}',
  setBy: 'Last set by {who} at {when}.',
  unit: 'Unit',
  choose: 'Choose…',
  reason: 'Reason (required)',
  reasonRequired: 'Give the reason for the veto.',
  reasonTooLong: 'At most {max} characters.',
  veto: 'Veto the unit',
} satisfies Strings<typeof vetoMessages>;
