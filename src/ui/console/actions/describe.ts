import { OPINION_TAGS, type OpinionTag } from '../../../domain/opinions';
import { ADMIN_CLI_ACTOR, ADMIN_TOKEN_ACTOR, SERVER_ACTOR } from '../../../protocol/office-action';
import type { Lang, Translate } from '../../i18n';
import type { Campaign, LoggedOfficeAction } from '../api-types';
import { ROLE_LABEL } from '../devices/IssueCodeDialog';
import type { deviceMessages } from '../devices/messages';
import { fmtTime } from '../ui';
import type { ActionKey } from './messages';

type DeviceKey = keyof (typeof deviceMessages)['zh-Hans'];
type Action = LoggedOfficeAction['action'];

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const count = (v: unknown) => String(Array.isArray(v) ? v.length : 0);
/** A long free text cut to its first characters, so that a row stays one glance. */
const short = (v: unknown, n = 40) => {
  const chars = [...str(v)];
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : chars.join('');
};
/** An item named by the end of its id (a UUIDv7 begins with its time) (its problem is in its creation, listed earlier). */
const itemRef = (v: unknown) => str(v).slice(-8);

const ANSWER_KIND: Record<string, ActionKey> = { plan: 'kPlan', progress: 'kProgress', done: 'kDone', 'not-yet': 'kNotYet' };
const ITEM_FIELD: Record<string, ActionKey> = {
  problem: 'fProblem',
  sources: 'fSources',
  measures: 'fMeasures',
  responsible: 'fResponsible',
  deadline: 'fDeadline',
};

/**
 * Every kind of office action the server logs (src/protocol/office-action.ts OFFICE_ACTIONS) has
 * its sentence below; test/unit/console/action-words.test.ts holds the list to them in every language.
 */
/** Who acted, in words: a username, or what the admin token, the CLI and the server itself are called. */
export function actorWords(actor: string, t: Translate<ActionKey>): string {
  if (actor === ADMIN_TOKEN_ACTOR) return t('adminToken');
  if (actor === ADMIN_CLI_ACTOR) return t('adminCli');
  if (actor === SERVER_ACTOR) return t('serverActor');
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
    case 'manual-scores': {
      const fill = obj(d.fromRectification);
      const part = str(fill.part);
      const partLabel = campaign?.scoring.components.flatMap((c) => c.parts).find((p) => p.from === 'manual' && p.id === part);
      return [
        t('manualScores', { ...vars, version: str(d.version) }),
        part ? t('manualFill', { part: (partLabel?.from === 'manual' && partLabel.label) || part, units: list(Object.keys(obj(fill.units))) }) : '',
        typeof d.reason === 'string' ? t('withReason', { reason: short(d.reason) }) : '',
      ].join('');
    }
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
        role:
          role === 'office-admin'
            ? t('roleOfficeAdmin')
            : role === 'coordinator'
              ? t('roleCoordinator')
              : role === 'unit'
                ? t('roleUnit', { unit: campaigns.flatMap((c) => c.units).find((u) => u.id === d.unitId)?.name ?? str(d.unitId) })
                : role,
      });
    }
    case 'account-disabled':
      return t('accountDisabled', { username: str(d.username) });
    case 'opinion-tags': {
      const tags = Array.isArray(d.tags) ? d.tags.map((x) => ((OPINION_TAGS as readonly unknown[]).includes(x) ? t(x as OpinionTag) : String(x))) : [];
      return t('opinionTags', { ...vars, n: String(Array.isArray(d.refs) ? d.refs.length : 0), tags: tags.length ? tags.join('、') : t('nothing') });
    }
    case 'review-decision':
      return t(d.decision === 'accept' ? 'reviewAccept' : 'reviewExclude', {
        ...vars,
        n: Array.isArray(d.hashes) ? count(d.hashes) : str(obj(d.range).toSeq) ? `${str(obj(d.range).fromSeq)}–${str(obj(d.range).toSeq)}` : '0',
        reason: short(d.reason),
      });
    case 'publish':
      return t('publish', { ...vars, version: str(d.version) });
    case 'withdraw-publication':
      return t('withdrawPublication', { ...vars, version: str(d.version), reason: short(d.reason) });
    case 'roster':
      return t('roster', { ...vars, changed: count(d.changed), removed: count(d.removed), size: str(d.size) });
    case 'draw':
      return t('draw', { ...vars, n: String(Object.values(obj(d.picked)).reduce<number>((n, p) => n + (Array.isArray(p) ? p.length : 0), 0)) });
    case 'quotas':
      return t('quotas', { ...vars, n: String(Object.keys(obj(d.quotas)).length) });
    case 'rectification-created': {
      const item = obj(d.item);
      return t('rectCreated', { unit: unitName(str(item.unitId)), problem: short(item.problem), deadline: str(item.deadline), id: itemRef(item.id) });
    }
    case 'rectification-changed': {
      const fields = Object.keys(obj(d.change)).map((k) => (ITEM_FIELD[k] ? t(ITEM_FIELD[k]) : k));
      return t('rectChanged', { id: itemRef(d.id), fields: fields.length ? fields.join('、') : t('nothing') });
    }
    case 'rectification-closed':
      return t('rectClosed', { id: itemRef(d.id), reason: short(d.reason) });
    case 'rectification-answered': {
      const answer = obj(d.answer);
      const kind = ANSWER_KIND[str(answer.kind)];
      return t('rectAnswered', { id: itemRef(answer.itemId), kind: kind ? t(kind) : str(answer.kind), text: short(answer.text) });
    }
    case 'rectifications-published':
      return t('rectPublished', { ...vars, n: count(d.items) });
    default:
      return t('other', { action: a.action });
  }
}
