import { OPINION_TAGS, type OpinionTag } from '../../../domain/opinions';
import type { Lang, Translate } from '../../i18n';
import type { Campaign, LoggedOfficeAction } from '../api-types';
import { ROLE_LABEL } from '../devices/IssueCodeDialog';
import type { deviceMessages } from '../devices/messages';
import { fmtTime } from '../ui';
import type { ActionKey } from './messages';

type DeviceKey = keyof (typeof deviceMessages)['zh-Hans'];
type Action = LoggedOfficeAction['action'];

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Who acted, in words: a username, or what the admin token and the CLI are called. */
export function actorWords(actor: string, t: Translate<ActionKey>): string {
  if (actor === 'admin-token') return t('adminToken');
  if (actor === 'admin-cli') return t('adminCli');
  return actor;
}

/** What an office action did, in a sentence of the console's language (unknown actions by their name). */
export function describeAction(a: Action, t: Translate<ActionKey>, td: Translate<DeviceKey>, lang: Lang, campaigns: readonly Campaign[]): string {
  const d = a.data;
  const campaign = campaigns.find((c) => c.id === a.campaignId);
  const unitName = (id: string) => campaign?.units.find((u) => u.id === id)?.name ?? id;
  const list = (ids: string[]) => (ids.length ? ids.map(unitName).join('、') : t('nothing'));
  const vars = { campaign: campaign?.name ?? a.campaignId ?? '' };
  switch (a.action) {
    case 'campaign-version':
      return t('campaignVersion', { ...vars, version: str(d.version) });
    case 'vetoes':
      return t('vetoes', {
        ...vars,
        imposed: list(Object.keys((d.imposed ?? {}) as object)),
        lifted: list(Array.isArray(d.lifted) ? d.lifted.map(String) : []),
      });
    case 'manual-scores':
      return t('manualScores', { ...vars, version: str(d.version) });
    case 'enrollment-code': {
      const role = str(d.role) as keyof typeof ROLE_LABEL;
      return t('enrollmentCode', {
        ...vars,
        collector: str(d.collector),
        role: role in ROLE_LABEL ? td(ROLE_LABEL[role]) : role,
        until: fmtTime(str(d.expiresAt), lang),
      });
    }
    case 'revoke-device':
      return t('revokeDevice', { label: str(d.label) || str(d.deviceId), collector: str(d.collector) });
    case 'account-created': {
      const role = str(d.role);
      return t('accountCreated', {
        username: str(d.username),
        role: role === 'office-admin' ? t('roleOfficeAdmin') : role === 'coordinator' ? t('roleCoordinator') : role,
      });
    }
    case 'account-disabled':
      return t('accountDisabled', { username: str(d.username) });
    case 'opinion-tags': {
      const tags = Array.isArray(d.tags) ? d.tags.map((x) => ((OPINION_TAGS as readonly unknown[]).includes(x) ? t(x as OpinionTag) : String(x))) : [];
      return t('opinionTags', { ...vars, n: String(Array.isArray(d.refs) ? d.refs.length : 0), tags: tags.length ? tags.join('、') : t('nothing') });
    }
    default:
      return t('other', { action: a.action });
  }
}
