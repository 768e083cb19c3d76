import type { Strings } from '../../i18n';
import type { resultsMessages } from './results-messages';

export default {
  heading: 'Report and publication',
  report: 'Make the report (print / PDF)',
  reportHint:
    'Opens the report (通报) in a new page: A4 landscape, page numbers, the first and last three marked; print it or save it as PDF from the browser.',
  xlsx: 'Download the report (Excel)',
  publish: 'Publish (公示)',
  publishTitle: 'Publish the tally',
  publishBody:
    'Makes the current signed tally public: anyone can see the ranking on the public page and check its signature, without signing in. Nothing of the collectors, devices or questionnaires is in it. Publishing is logged; you can publish again later, and the public page shows the latest.',
  publishProvisional: 'Questionnaires are held for review, so the tally is provisional: decide them in Review first, then publish.',
  confirm: 'Publish',
  cancel: 'Cancel',
  publishing: 'Publishing…',
  published: 'Published as version {version} ({when}); the public page:',
  notPublished: 'Not published yet.',
  lastPublished: 'Version {version} is public, published by {who} on {when}, over the first {size} entries of the audit log.',
  publicPage: 'Open the public page',
  withdraw: 'Withdraw the publication',
  withdrawTitle: 'Withdraw the publication',
  withdrawBody:
    'The public page stops showing the ranking and says only when the publication was withdrawn; the public data answers as if nothing had been published (404). The withdrawal and its reason are logged and can be checked in the verifiable export; the reason is not shown to the public. You can publish again later.',
  withdrawReason: 'Reason (required)',
  withdrawConfirm: 'Withdraw',
  withdrawing: 'Withdrawing…',
  withdrawn: 'Version {version} was withdrawn by {who} on {when}; reason: {reason}. Nothing is public now.',
} satisfies Strings<typeof resultsMessages>;
