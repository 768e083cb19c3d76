import type { Strings } from '../i18n';
import type { CHANGE_WORDS } from './changeWords';

export default {
  'unit-added': 'Unit added: {name}',
  'unit-removed': 'Unit removed: {name}',
  'unit-retired': 'Unit retired: {name} (its records stay; it is not ranked)',
  'unit-restored': 'Unit back in the ranking: {name}',
  'unit-renamed': 'Unit renamed: {from} → {to}',
  'unit-category': 'Category of {name}: {from} → {to}',
  'dimension-added': 'Question added: {label}',
  'dimension-removed': 'Question removed: {label}',
  'dimension-changed': 'Question {label} reworded',
  'scale-score': 'Score of the level {label}: {from} → {to}',
  'scale-removed': 'Level removed: {label}',
  weight: 'Weight of {label}: {from} → {to}',
  components: 'The score components (their points or shares) changed',
  limits: 'The limits on questionnaires per device changed',
  'scale-labels': 'The names or order of the levels changed',
  'group-labels': 'The names of the rater groups changed',
  field: '{what} changed',
  notCounted: 'not counted',
  none: 'none',
} satisfies Strings<typeof CHANGE_WORDS>;
