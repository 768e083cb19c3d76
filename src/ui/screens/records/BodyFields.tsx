import type { ComponentChildren } from 'preact';
import type { Campaign } from '../../../domain/campaign';
import { ReadField } from '../../components/Field';
import { formatDateTime, formatDuration } from '../../components/format';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { f2fMessages, type F2fKey } from '../../forms/f2f/messages';
import { DETAIL } from './detailMessages';
import { labelOf, scaleLabel, str, unitNames } from './summary';

type Body = Record<string, unknown>;
type Keys = keyof (typeof DETAIL)['en'];

const CHANNEL: Record<string, Keys> = { stall: 'stallCh', forum: 'forumCh', visit: 'visitCh', door: 'doorCh', other: 'otherCh' };
const KIND: Record<string, Keys> = { opinion: 'opinion', suggestion: 'suggestion', complaint: 'complaint', praise: 'praise' };
/** Fields each type shows with its own labels; anything else in a body is listed under "other". */
const KNOWN: Record<string, string[]> = {
  f2f: ['unitId', 'raterGroup', 'channel', 'ratings', 'overall', 'checks', 'comment', 'respondent', 'durationMs', 'location'],
  forum: ['unitIds', 'title', 'heldAt', 'place', 'host', 'attendees', 'opinions'],
  visit: ['unitId', 'mode', 'visitedAt', 'place', 'categories', 'severity', 'location'],
  stall: ['place', 'unitIds', 'openedAt', 'closedAt', 'visitors', 'complaints', 'location'],
  followup: ['itemId', 'unitId', 'verdict', 'note', 'visitedAt', 'location'],
};
const VERDICT: Record<string, Keys> = { fixed: 'vFixed', partly: 'vPartly', 'not-fixed': 'vNotFixed' };

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Body => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : {});

/** The body of an original record (f2f, forum, visit, stall) as labelled, read-only fields. */
export function BodyFields(props: { type: string; body: Body; campaign: Campaign | undefined }) {
  const { lang } = useApp();
  const t = useT(DETAIL);
  const tf = useT(f2fMessages);
  const { type, body: b, campaign: c } = props;
  // A respondent's age band and occupation are ids of the form; shown by the form's own labels.
  const known = (prefix: 'age_' | 'occ_', id: string) => (id && `${prefix}${id}` in f2fMessages.en ? tf(`${prefix}${id}` as F2fKey) : id);
  const time = (v: unknown) => (typeof v === 'string' ? formatDateTime(v, lang) : '');
  const f: ComponentChildren[] = [];
  const add = (label: Keys, value: ComponentChildren, show = true) =>
    show &&
    f.push(
      <ReadField key={label} label={t(label)}>
        {value}
      </ReadField>,
    );

  if (type === 'f2f') {
    add('unit', unitNames(c, [str(b.unitId)]));
    add('raterGroup', labelOf(c?.raterGroups, b.raterGroup));
    add('channel', CHANNEL[str(b.channel)] ? t(CHANNEL[str(b.channel)]!) : str(b.channel));
    add(
      'ratings',
      <ul class="ratings">
        {Object.entries(obj(b.ratings)).map(([dim, key]) => (
          <li key={dim}>
            <span>{labelOf(c?.dimensions, dim)}</span>
            <strong>{scaleLabel(c, key)}</strong>
          </li>
        ))}
      </ul>,
    );
    add('overall', <strong>{scaleLabel(c, b.overall)}</strong>);
    const checks = Object.entries(obj(b.checks));
    add('checks', checks.map(([id, v]) => `${labelOf(c?.checks, id)}：${v ? t('yes') : t('no')}`).join('；'), checks.length > 0);
    add('comment', <p class="quote">{str(b.comment)}</p>, !!str(b.comment));
    const r = obj(b.respondent);
    add('respondent', [known('age_', str(r.ageBand)), known('occ_', str(r.occupation))].filter(Boolean).join(' · '), !!(r.ageBand || r.occupation));
    add('duration', formatDuration(Number(b.durationMs) || 0, lang), typeof b.durationMs === 'number');
  } else if (type === 'forum') {
    add('units', unitNames(c, arr(b.unitIds).map(str)));
    add('title', str(b.title));
    add('heldAt', time(b.heldAt));
    add('place', str(b.place));
    add('host', str(b.host), !!str(b.host));
    add(
      'attendees',
      Object.entries(obj(b.attendees))
        .map(([g, n]) => `${labelOf(c?.raterGroups, g)} ${String(n)}`)
        .join('；') || t('none'),
    );
    add(
      'opinions',
      <Notes
        items={arr(b.opinions).map(obj)}
        head={(o) => [
          KIND[str(o.kind)] ? t(KIND[str(o.kind)]!) : str(o.kind),
          o.unitId ? unitNames(c, [str(o.unitId)]) : '',
          labelOf(c?.dimensions, o.dimensionId),
        ]}
        none={t('none')}
      />,
    );
  } else if (type === 'visit') {
    add('unit', unitNames(c, [str(b.unitId)]));
    add('mode', b.mode === 'covert' ? t('covert') : b.mode === 'open' ? t('open') : str(b.mode));
    add('visitedAt', time(b.visitedAt));
    add('place', str(b.place), !!str(b.place));
    add(
      'categories',
      arr(b.categories)
        .map((x) => labelOf(c?.findingCategories, x))
        .join('、'),
    );
    add('severity', <strong>{labelOf(c?.severities, b.severity)}</strong>);
  } else if (type === 'followup') {
    add('unit', unitNames(c, [str(b.unitId)]));
    add('rectItem', <span class="mono">{str(b.itemId)}</span>);
    add('verdict', <strong>{VERDICT[str(b.verdict)] ? t(VERDICT[str(b.verdict)]!) : str(b.verdict)}</strong>);
    add('note', <p class="quote">{str(b.note)}</p>, !!str(b.note));
    add('visitedAt', time(b.visitedAt));
  } else if (type === 'stall') {
    add('place', str(b.place));
    add('units', unitNames(c, arr(b.unitIds).map(str)));
    add('openedAt', time(b.openedAt));
    add('closedAt', time(b.closedAt));
    add('visitors', String(b.visitors ?? ''));
    add(
      'complaints',
      <Notes items={arr(b.complaints).map(obj)} head={(o) => [unitNames(c, [str(o.unitId)]), labelOf(c?.findingCategories, o.category)]} none={t('none')} />,
    );
  }
  const loc = obj(b.location);
  if (typeof loc.latE6 === 'number' && typeof loc.lonE6 === 'number') {
    add('location', `${(loc.latE6 / 1e6).toFixed(6)}, ${(loc.lonE6 / 1e6).toFixed(6)}（${t('accuracy', { m: String(loc.accuracyM ?? '?') })}）`);
  }
  const extra = Object.entries(b).filter(([k]) => !(KNOWN[type] ?? []).includes(k));
  add('other', <pre class="mono">{JSON.stringify(Object.fromEntries(extra), null, 2)}</pre>, extra.length > 0);
  return <dl class="read-list">{f}</dl>;
}

/** Opinions or complaints: a heading line (kind, unit, dimension) over each text. */
function Notes(props: { items: Body[]; head(o: Body): string[]; none: string }) {
  if (props.items.length === 0) return <>{props.none}</>;
  return (
    <ul class="list-plain stack">
      {props.items.map((o, i) => (
        <li key={i}>
          <div class="muted">{props.head(o).filter(Boolean).join(' · ')}</div>
          <p class="quote">{str(o.text)}</p>
        </li>
      ))}
    </ul>
  );
}
