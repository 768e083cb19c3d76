import type { Strings } from '../../i18n';
import type { conflictMessages } from './conflict-messages';

export default {
  badge: 'Conflict',
  badgeHint: 'This device signed two different records for the same sequence number',
  show: 'View conflicts',
  title: 'Device record conflicts',
  intro:
    'Device “{label}” (collector {collector}) sent two different versions for the same sequence number. The server keeps the stored version; the other is kept as evidence and never counted.',
  seq: 'Seq {seq}, other version received {when}',
  stored: 'Stored version',
  offered: 'Other version (evidence)',
  missing: 'The server no longer holds the record of this seq.',
  hash: 'Hash',
  loading: 'Reading the conflicts…',
  none: 'No conflicts.',
  close: 'Close',
} satisfies Strings<typeof conflictMessages>;
