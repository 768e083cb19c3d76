import type { Strings } from '../i18n';
import type { MESSAGES } from './CampaignUpdateCard';

export default {
  title: 'Campaign updated',
  body: 'The office changed the campaign (version {from} → {to}). New questionnaires follow the new version; drafts already begun can be finished as usual.',
  ok: 'Got it',
  more: '{n} more changes',
} satisfies Strings<typeof MESSAGES>;
