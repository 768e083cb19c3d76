import type { Strings } from '../../i18n';
import type { actionMessages } from './messages';

export default {
  heading: 'Office actions',
  intro:
    'Every decision of the office (campaign definitions, manual scores, vetoes, enrollment codes, revocations, accounts) is written to the audit log, in the same Merkle tree as the records, and can be verified later.',
  at: 'Time',
  actor: 'By',
  what: 'Action',
  logIndex: 'Log index',
  more: 'Load more',
  none: 'No office actions yet.',
  adminToken: 'admin token',
  adminCli: 'command line',
  campaignVersion: 'Saved version {version} of campaign “{campaign}”',
  vetoes: 'Vetoes in campaign “{campaign}”: imposed {imposed}; lifted {lifted}',
  manualScores: 'Entered manual scores of campaign “{campaign}” (version {version})',
  enrollmentCode: 'Issued an enrollment code of campaign “{campaign}” for {collector} ({role}), valid until {until}',
  revokeDevice: 'Revoked device “{label}” (collector {collector})',
  accountCreated: 'Created account {username} ({role})',
  accountDisabled: 'Disabled account {username}',
  opinionTags: 'Verified {n} opinions of “{campaign}”: {tags}',
  substantiated: 'substantiated',
  unsubstantiated: 'not substantiated',
  suggestion: 'suggestion',
  praise: 'praise',
  duplicate: 'duplicate',
  other: '{action}',
  nothing: 'none',
  roleOfficeAdmin: 'office admin',
  roleCoordinator: 'coordinator',
} satisfies Strings<typeof actionMessages>;
