import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { formatDuration } from '../../components/format';
import { LangContext, useT, type Lang, type Translate } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import type { PingyiRecord } from '../../../domain/records';
import { fmtTime } from '../ui';
import { recordMessages, type RecordKey } from './messages';

type Row = [RecordKey, ComponentChildren];
type Body = Record<string, unknown>;

const CHANNEL: Record<string, RecordKey> = { stall: 'chStall', forum: 'chForum', visit: 'chVisit', door: 'chDoor', other: 'chOther' };
const KIND: Record<string, RecordKey> = { opinion: 'kOpinion', suggestion: 'kSuggestion', complaint: 'kComplaint', praise: 'kPraise' };

/** The campaign's label for an id, or the id itself when the campaign does not know it. */
function label(list: { id: string; label?: string; name?: string }[] | undefined, id: unknown): string {
  const hit = list?.find((x) => x.id === id);
  return hit?.label ?? hit?.name ?? String(id ?? '—');
}
const str = (x: unknown) => (typeof x === 'string' ? x : x === undefined ? '—' : JSON.stringify(x));
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const obj = (x: unknown): Body => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Body) : {});

/** Entries in the campaign's order (canonical JSON sorts keys), unknown keys after them. */
function inCampaignOrder(o: Body, order: { id: string }[]): [string, unknown][] {
  const known = order.filter((x) => x.id in o).map((x): [string, unknown] => [x.id, o[x.id]]);
  return [...known, ...Object.entries(o).filter(([k]) => !order.some((x) => x.id === k))];
}

function locationText(x: unknown): string {
  const l = obj(x);
  if (typeof l.latE6 !== 'number' || typeof l.lonE6 !== 'number') return '—';
  return `${(l.latE6 / 1e6).toFixed(6)}, ${(l.lonE6 / 1e6).toFixed(6)} (±${str(l.accuracyM)} m)`;
}

/** Rows of a body of `type`, with ids turned into the campaign's words. */
export function bodyRows(type: string, b: Body, c: Campaign, t: Translate<RecordKey>, lang: Lang): Row[] {
  const unit = (id: unknown) => label(c.units, id);
  const level = (key: unknown) => c.scale.find((s) => s.key === key)?.label ?? str(key);
  const when = (x: unknown) => fmtTime(typeof x === 'string' ? x : null, lang);
  // Chinese text lists with 、 and labels with ：; English with commas and colons.
  const en = lang === 'en';
  const list = (xs: string[]) => xs.join(en ? ', ' : '、');
  const colon = en ? ': ' : '：';
  const tag = (s: string) => (en ? `[${s}] ` : `【${s}】`);
  switch (type) {
    case 'f2f':
      return [
        ['unit', unit(b.unitId)],
        ['raterGroup', label(c.raterGroups, b.raterGroup)],
        ['channel', CHANNEL[str(b.channel)] ? t(CHANNEL[str(b.channel)]!) : str(b.channel)],
        ['overall', level(b.overall)],
        [
          'ratings',
          <ul>
            {inCampaignOrder(obj(b.ratings), c.dimensions).map(([d, k]) => (
              <li key={d}>
                {label(c.dimensions, d)}
                {colon}
                {level(k)}
              </li>
            ))}
          </ul>,
        ],
        ...(b.checks
          ? [
              [
                'checks',
                <ul>
                  {inCampaignOrder(obj(b.checks), c.checks ?? []).map(([k, v]) => (
                    <li key={k}>
                      {label(c.checks, k)}
                      {colon}
                      {v ? t('yes') : t('no')}
                    </li>
                  ))}
                </ul>,
              ] as Row,
            ]
          : []),
        ...(b.comment ? [['comment', str(b.comment)] as Row] : []),
        ...(b.respondent ? [['respondent', Object.values(obj(b.respondent)).map(str).join(' · ')] as Row] : []),
        ['duration', typeof b.durationMs === 'number' ? formatDuration(b.durationMs, lang) : '—'],
        ...(b.location ? [['location', locationText(b.location)] as Row] : []),
      ];
    case 'forum':
      return [
        ['title', str(b.title)],
        ['heldAt', when(b.heldAt)],
        ['place', str(b.place)],
        ...(b.host ? [['host', str(b.host)] as Row] : []),
        ['unit', list(arr(b.unitIds).map(unit))],
        ['attendees', list(Object.entries(obj(b.attendees)).map(([g, n]) => `${label(c.raterGroups, g)} ${str(n)}`))],
        [
          'opinions',
          <ul>
            {arr(b.opinions).map((o, i) => {
              const op = obj(o);
              const tags = [
                KIND[str(op.kind)] ? t(KIND[str(op.kind)]!) : str(op.kind),
                op.unitId && unit(op.unitId),
                op.dimensionId && label(c.dimensions, op.dimensionId),
              ];
              return (
                <li key={i}>
                  {tag(tags.filter(Boolean).join(' · '))}
                  {str(op.text)}
                </li>
              );
            })}
          </ul>,
        ],
      ];
    case 'visit':
      return [
        ['unit', unit(b.unitId)],
        ['mode', b.mode === 'covert' ? t('covert') : t('open_')],
        ['visitedAt', when(b.visitedAt)],
        ...(b.place ? [['place', str(b.place)] as Row] : []),
        ['categories', list(arr(b.categories).map((x) => label(c.findingCategories, x)))],
        ['severity', label(c.severities, b.severity)],
        ...(b.location ? [['location', locationText(b.location)] as Row] : []),
      ];
    case 'followup':
      return [
        ['unit', unit(b.unitId)],
        ['rectItem', str(b.itemId)],
        ['verdict', b.verdict === 'fixed' ? t('vFixed') : b.verdict === 'partly' ? t('vPartly') : b.verdict === 'not-fixed' ? t('vNotFixed') : str(b.verdict)],
        ...(b.note ? [['note', str(b.note)] as Row] : []),
        ['visitedAt', when(b.visitedAt)],
        ...(b.location ? [['location', locationText(b.location)] as Row] : []),
      ];
    case 'stall':
      return [
        ['place', str(b.place)],
        ['unit', list(arr(b.unitIds).map(unit))],
        ['openedAt', when(b.openedAt)],
        ['closedAt', when(b.closedAt)],
        ['visitors', str(String(b.visitors ?? '—'))],
        [
          'complaints',
          <ul>
            {arr(b.complaints).map((x, i) => (
              <li key={i}>
                {tag(unit(obj(x).unitId))}
                {str(obj(x).text)}
              </li>
            ))}
          </ul>,
        ],
        ...(b.location ? [['location', locationText(b.location)] as Row] : []),
      ];
    default:
      return [
        ['target', <code class="c-mono">{str(b.targetId)}</code>],
        ['reason', str(b.reason)],
        ...(b.body ? [['newBody', <pre class="c-pre">{JSON.stringify(b.body, null, 2)}</pre>] as Row] : []),
      ];
  }
}

/** A record's body as a definition list. */
export function RecordBody({ record, campaign }: { record: PingyiRecord; campaign: Campaign }) {
  const t = useT(recordMessages);
  const lang = useContext(LangContext);
  return (
    <dl class="c-dl">
      {bodyRows(record.type, record.body, campaign, t, lang).map(([k, v]) => (
        <div key={k}>
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
