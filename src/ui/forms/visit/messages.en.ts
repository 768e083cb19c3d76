import type { Strings } from '../../i18n';
import type { visitMessages } from './messages';

export default {
  title: 'Inspection visit',
  form: 'inspection finding',
  unit: 'Unit inspected',
  mode: 'Kind of visit',
  covert: 'Covert',
  open: 'Announced',
  visitedAt: 'Time',
  place: 'Place',
  placeOrLocation: 'Place or location',
  placeHint: 'e.g. service centre, 2nd floor, window 3',
  categories: 'Problem categories',
  severity: 'Severity',
  description: 'What happened',
  descriptionHint: 'What you saw and heard: time, window, how the staff acted',
  names: 'People involved',
  namesHint: 'Names, staff numbers or descriptions (if any)',
  covertNeedsKey:
    "This campaign has no encryption key, so no covert visit can be recorded: its description, names and photos must be encrypted before they are sent. Record it as announced, or ask the central office to set the campaign's encryption key and enroll this tablet again.",
  covertNotPossible: 'Covert (needs an encryption key)',
} satisfies Strings<typeof visitMessages>;
