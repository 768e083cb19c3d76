import type { Strings } from '../i18n';
import type { spaceMessages } from './space-messages';

export default {
  free: 'Server space free: {free} of {total}',
  low: 'Server space low: only {free} left ({percent}% of {total}); free some soon, tablets cannot upload once it is full',
  full: 'The server’s disk is full: tablet uploads are refused until space is freed, then resume by themselves',
  unavailable: 'The server’s database is unavailable for now; tablets retry by themselves',
} satisfies Strings<typeof spaceMessages>;
