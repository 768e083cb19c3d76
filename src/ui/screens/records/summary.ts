import type { Campaign } from '../../../domain/campaign';

// Small read-only views of a record body for lists and headings. Bodies are read defensively:
// a record is shown as it was sealed, whatever campaign version labelled it.

/** Names of units by id, falling back to the id when the campaign no longer lists it. */
export function unitNames(campaign: Campaign | undefined, ids: string[]): string {
  return ids.map((id) => campaign?.units.find((u) => u.id === id)?.name ?? id).join('、');
}

export function scaleLabel(campaign: Campaign | undefined, key: unknown): string {
  return typeof key === 'string' ? (campaign?.scale.find((l) => l.key === key)?.label ?? key) : '';
}

export function labelOf(list: { id: string; label: string }[] | undefined, id: unknown): string {
  return typeof id === 'string' ? (list?.find((x) => x.id === id)?.label ?? id) : '';
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** One line that tells records of a type apart in a list. */
export function bodySummary(type: string, body: Record<string, unknown>, campaign: Campaign | undefined): string {
  switch (type) {
    case 'f2f':
      return [labelOf(campaign?.raterGroups, body.raterGroup), scaleLabel(campaign, body.overall)].filter(Boolean).join(' · ');
    case 'forum':
      return str(body.title);
    case 'visit':
      return [
        labelOf(campaign?.severities, body.severity),
        ...(Array.isArray(body.categories) ? body.categories.map((c) => labelOf(campaign?.findingCategories, c)) : []),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'stall':
      return str(body.place);
    case 'followup':
      return str(body.note);
    default:
      return str(body.reason);
  }
}
