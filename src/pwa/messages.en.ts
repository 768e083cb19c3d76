import type { Strings } from '../ui/i18n';
import type { UPDATE } from './messages';

export default {
  ready: 'A new version is available',
  readyBody: 'Updating takes a few seconds; saved records and drafts are not affected.',
  updateNow: 'Update now',
  later: 'Later',
  dirty: 'A form is still being filled in. Finish or save it first, then tap “Update now”.',
  updating: 'Updating…',
  takenOver: 'The new version is active',
  takenOverBody: 'Finish or save the form you are filling in, then tap “Reload” to use the new version.',
  takenOverClean: 'Tap “Reload” to use the new version.',
  reload: 'Reload',
} satisfies Strings<typeof UPDATE>;
