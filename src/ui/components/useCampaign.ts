import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
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

/**
 * The practice session's demo campaign comes without its translations (a first visit stays small):
 * they are loaded when the interface speaks another language.
 */
function needsDemoLabels(c: Campaign, lang: Lang): boolean {
  return lang !== 'zh-Hans' && c.id === 'demo' && !c.units.some((u) => u.labels);
}

/** The campaign with its translations, loading the demo campaign's where they are missing. */
export async function withLabels(c: Campaign, lang: Lang): Promise<Campaign> {
  if (!needsDemoLabels(c, lang)) return localizeCampaign(c, lang);
  return localizeCampaign((await import('../../domain/demo-campaign-labels')).withDemoLabels(c), lang);
}

/** The session's campaign in the interface language (for what is shown; sealing uses the session's). */
export function useCampaign(c?: Campaign): Campaign {
  const { session } = useApp();
  const lang = useContext(LangContext);
  const campaign = c ?? session.campaign;
  const needs = needsDemoLabels(campaign, lang);
  const [labelled, setLabelled] = useState<Campaign | null>(null);
  useEffect(() => {
    if (!needs) return;
    let live = true;
    void import('../../domain/demo-campaign-labels').then((m) => live && setLabelled(m.withDemoLabels(campaign)));
    return () => {
      live = false;
    };
  }, [needs, campaign]);
  const source = needs && labelled ? labelled : campaign;
  return useMemo(() => localizeCampaign(source, lang), [source, lang]);
}
