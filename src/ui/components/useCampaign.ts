import { useContext, useMemo } from 'preact/hooks';
import type { Campaign } from '../../domain/campaign';
import { useApp } from '../context';
import { LangContext, type Lang } from '../i18n';

type Labels = { 'zh-Hant'?: string; en?: string } | undefined;

const pick = (plain: string, labels: Labels, lang: Lang) => (lang === 'zh-Hans' ? plain : (labels?.[lang] ?? plain));

/**
 * The campaign with its units, dimensions, scale, rater groups, checks, categories and severities
 * named in `lang` where the definition gives a translation (`labels`), else as the office wrote them.
 * Ids are untouched, so the result seals and validates exactly as the original.
 */
export function localizeCampaign(c: Campaign, lang: Lang): Campaign {
  if (lang === 'zh-Hans') return c;
  const item = <T extends { label: string; labels?: Labels }>(x: T): T => ({ ...x, label: pick(x.label, x.labels, lang) });
  return {
    ...c,
    units: c.units.map((u) => ({ ...u, name: pick(u.name, u.labels, lang) })),
    dimensions: c.dimensions.map((d) => ({ ...item(d), hint: pick(d.hint, d.hints, lang) })),
    scale: c.scale.map(item),
    raterGroups: c.raterGroups.map(item),
    ...(c.checks ? { checks: c.checks.map(item) } : {}),
    findingCategories: c.findingCategories.map(item),
    severities: c.severities.map(item),
  };
}

/** The session's campaign in the interface language (for what is shown; sealing uses the session's). */
export function useCampaign(c?: Campaign): Campaign {
  const { session } = useApp();
  const lang = useContext(LangContext);
  const campaign = c ?? session.campaign;
  return useMemo(() => localizeCampaign(campaign, lang), [campaign, lang]);
}
