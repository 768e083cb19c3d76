import { Fragment } from 'preact';
import type { Campaign } from '../../../domain/campaign';
import { useT } from '../../i18n';
import { str, withField, type Body } from '../common/body';
import { SingleChips, YesNo } from '../common/Chips';
import { common } from '../common/messages';
import { fixOf, LocationField } from '../common/LocationField';
import { Question } from '../common/Question';
import { f2fMessages } from './messages';
import { CHANNELS, nextUnanswered, type F2fSecret } from './model';
import { RespondentPart } from './RespondentPart';
import { RatingRow } from './RatingRow';

export interface F2fEditorProps {
  campaign: Campaign;
  body: Body;
  secret: F2fSecret | undefined;
  onBody(next: Body): void;
  onSecret(next: F2fSecret | null): void;
  invalid: Set<string>;
  /** Amend: the unit and place are part of the replacement body, asked here. */
  withSetup?: boolean;
  /** Confidential fields can be kept (the campaign has an encryption key). */
  canSeal: boolean;
}

/** Brings the next unanswered rating into view when the one just answered leaves it below the fold. */
function revealNext(anchor: string | undefined): void {
  if (!anchor || typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    const el = document.getElementById(`q-${anchor}`);
    if (!el || typeof el.scrollIntoView !== 'function') return;
    const r = el.getBoundingClientRect();
    // The seal bar covers about the last fifth of the screen.
    if (r.bottom > window.innerHeight * 0.8 || r.top < 0) el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  });
}

/** One respondent's questionnaire: rater group, a rating per dimension, overall, checks, extras. */
export function F2fEditor(p: F2fEditorProps) {
  const t = useT(f2fMessages);
  const tc = useT(common);
  const c = p.campaign;
  const ratings = (p.body.ratings ?? {}) as Record<string, string>;
  const checks = (p.body.checks ?? {}) as Record<string, boolean>;
  const checkRow = (ch: NonNullable<Campaign['checks']>[number]) => (
    <div class="check-row" key={ch.id}>
      <span class="check-label">{ch.label}</span>
      <YesNo
        label={ch.label}
        yes={tc('yes')}
        no={tc('no')}
        value={checks[ch.id]}
        onChange={(v) => p.onBody(withField(p.body, 'checks', withField(checks, ch.id, v)))}
      />
    </div>
  );
  // A dimension's yes/no questions are asked right below its rating; the others after the overall rating.
  const dimensionIds = new Set(c.dimensions.map((d) => d.id));
  const loose = (c.checks ?? []).filter((ch) => ch.dimension === undefined || !dimensionIds.has(ch.dimension));
  const rate = (anchor: string, next: Body) => {
    p.onBody(next);
    revealNext(nextUnanswered(c, next, anchor));
  };
  return (
    <div class="form-body">
      {p.withSetup && (
        <>
          <Question anchor="unit" label={t('unit')} invalid={p.invalid.has('unit')}>
            <SingleChips
              label={t('unit')}
              options={c.units.map((u) => ({ value: u.id, label: u.name }))}
              value={str(p.body.unitId)}
              onChange={(v) => p.onBody(withField(p.body, 'unitId', v))}
            />
          </Question>
          <Question anchor="channel" label={t('channel')} invalid={p.invalid.has('channel')}>
            <SingleChips
              label={t('channel')}
              options={CHANNELS.map((ch) => ({ value: ch, label: t(`ch_${ch}`) }))}
              value={str(p.body.channel)}
              onChange={(v) => p.onBody(withField(p.body, 'channel', v))}
            />
          </Question>
        </>
      )}
      <Question anchor="raterGroup" label={t('raterGroup')} invalid={p.invalid.has('raterGroup')} class="q-inline">
        <SingleChips
          big
          label={t('raterGroup')}
          options={c.raterGroups.map((g) => ({ value: g.id, label: g.label }))}
          value={str(p.body.raterGroup)}
          onChange={(v) => p.onBody(withField(p.body, 'raterGroup', v))}
        />
      </Question>
      {c.dimensions.map((d) => {
        const own = (c.checks ?? []).filter((ch) => ch.dimension === d.id);
        return (
          <Fragment key={d.id}>
            <RatingRow
              anchor={`dim-${d.id}`}
              label={d.label}
              hint={d.hint}
              scale={c.scale}
              value={ratings[d.id]}
              invalid={p.invalid.has(`dim-${d.id}`)}
              hintLabel={t('hint')}
              hideHintLabel={t('hideHint')}
              onChange={(k) => rate(`dim-${d.id}`, { ...p.body, ratings: { ...ratings, [d.id]: k } })}
            />
            {own.length > 0 && (
              <Question anchor={`checks-${d.id}`} label={t('checksOf', { label: d.label })} optional={tc('optional')}>
                {own.map(checkRow)}
              </Question>
            )}
          </Fragment>
        );
      })}
      <RatingRow
        overall
        anchor="overall"
        label={t('overall')}
        scale={c.scale}
        value={str(p.body.overall) || undefined}
        invalid={p.invalid.has('overall')}
        hintLabel={t('hint')}
        hideHintLabel={t('hideHint')}
        onChange={(k) => rate('overall', { ...p.body, overall: k })}
      />
      {loose.length > 0 && (
        <Question anchor="checks" label={t('checks')} optional={tc('optional')}>
          {loose.map(checkRow)}
        </Question>
      )}
      {c.ui?.f2fLocation && <LocationField value={fixOf(p.body.location)} onChange={(fix) => p.onBody(withField(p.body, 'location', fix))} />}
      <RespondentPart body={p.body} secret={p.secret} onBody={p.onBody} onSecret={p.onSecret} invalid={p.invalid} canSeal={p.canSeal} />
    </div>
  );
}
