import { Counter } from '../../components/Counter';
import { useT } from '../../i18n';
import { num, str, strs, toggleIn, unitOptions, withField } from '../common/body';
import { MultiChips } from '../common/Chips';
import type { EditorProps } from '../common/editor';
import { TextInput, TimeInput } from '../common/Inputs';
import { common } from '../common/messages';
import { Question } from '../common/Question';
import { forumMessages } from './messages';
import { withUnits } from './model';
import { OpinionList } from './OpinionList';

/** A forum's facts, attendance per rater group, and the opinions raised. */
export function ForumEditor(p: EditorProps) {
  const t = useT(forumMessages);
  const tc = useT(common);
  const c = p.campaign;
  const b = p.body;
  const set = (key: string, v: unknown) => p.onBody(withField(b, key, v));
  const attendees = (b.attendees ?? {}) as Record<string, number>;
  const bad = (a: string) => p.invalid.has(a);
  return (
    <div class="form-body">
      <Question anchor="units" label={t('units')} invalid={bad('units')}>
        <MultiChips
          label={t('units')}
          options={unitOptions(c)}
          value={strs(b.unitIds)}
          onToggle={(id) =>
            p.onBody(
              withUnits(
                b,
                toggleIn(
                  strs(b.unitIds),
                  id,
                  c.units.map((u) => u.id),
                ),
              ),
            )
          }
        />
      </Question>
      <Question anchor="title" label={t('titleField')} invalid={bad('title')}>
        <TextInput
          id="forum-title"
          label={t('titleField')}
          placeholder={t('titleHint')}
          value={str(b.title)}
          maxLength={200}
          onInput={(v) => set('title', v)}
        />
      </Question>
      <Question anchor="heldAt" label={t('heldAt')} invalid={bad('heldAt')}>
        <TimeInput id="forum-time" label={t('heldAt')} value={str(b.heldAt)} nowLabel={tc('now')} onChange={(v) => set('heldAt', v)} />
      </Question>
      <Question anchor="place" label={t('place')} invalid={bad('place')}>
        <TextInput id="forum-place" label={t('place')} value={str(b.place)} maxLength={200} onInput={(v) => set('place', v)} />
      </Question>
      <Question anchor="host" label={t('host')} optional={tc('optional')}>
        <TextInput id="forum-host" label={t('host')} value={str(b.host)} maxLength={100} onInput={(v) => set('host', v)} />
      </Question>
      <Question anchor="attendance" label={t('attendance')}>
        <div class="attendance">
          {c.raterGroups.map((g) => (
            <Counter
              key={g.id}
              label={g.label}
              value={num(attendees[g.id])}
              less={tc('less')}
              more={tc('more')}
              max={100000}
              onChange={(n) => p.onBody({ ...b, attendees: { ...attendees, [g.id]: n } })}
            />
          ))}
        </div>
      </Question>
      <OpinionList campaign={c} body={b} onBody={p.onBody} invalid={p.invalid} />
    </div>
  );
}
