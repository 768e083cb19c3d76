import type { Campaign } from '../../../domain/campaign';
import { str, type Body, type Missing } from '../common/body';

/** Respondent age bands and occupations (ids stored in `respondent`; labels in messages.ts). */
export const AGE_BANDS = ['under18', '18-29', '30-39', '40-49', '50-59', '60plus'] as const;
export const OCCUPATIONS = ['worker', 'business', 'farmer', 'public', 'student', 'retired', 'other'] as const;
/** The places a questionnaire is taken (protocol `channel`), in the order offered. */
export const CHANNELS = ['stall', 'forum', 'door', 'visit', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface F2fWords {
  unit: string;
  channel: string;
  raterGroup: string;
  overall: string;
  contact: string;
}

/** The confidential part of a questionnaire as kept in the draft. */
export interface F2fSecret {
  contactConsent?: boolean;
  name?: string;
  phone?: string;
}

/**
 * Everything a questionnaire still lacks, in the order it is asked: group, each dimension by its
 * campaign label, the overall rating, and a contact when the respondent agreed to be contacted.
 */
export function missingF2f(c: Campaign, body: Body, secret: F2fSecret | undefined, w: F2fWords): Missing[] {
  const out: Missing[] = [];
  if (!str(body.unitId)) out.push({ anchor: 'unit', label: w.unit });
  if (!str(body.channel)) out.push({ anchor: 'channel', label: w.channel });
  if (!str(body.raterGroup)) out.push({ anchor: 'raterGroup', label: w.raterGroup });
  const ratings = (body.ratings ?? {}) as Record<string, unknown>;
  for (const d of c.dimensions) if (!str(ratings[d.id])) out.push({ anchor: `dim-${d.id}`, label: d.label });
  if (!str(body.overall)) out.push({ anchor: 'overall', label: w.overall });
  if (secret?.contactConsent && !secret.name?.trim() && !secret.phone?.trim()) out.push({ anchor: 'contact', label: w.contact });
  return out;
}

/** What is encrypted at seal: a contact only when the respondent agreed to be contacted. */
export function f2fSecretToSeal(secret: F2fSecret | undefined): Record<string, unknown> | undefined {
  if (!secret?.contactConsent) return undefined;
  const name = secret.name?.trim();
  const phone = secret.phone?.trim();
  if (!name && !phone) return undefined;
  return { contactConsent: true, ...(name ? { name } : {}), ...(phone ? { phone } : {}) };
}

/** The start of each respondent's questionnaire: the unit and place chosen for the session. */
export function f2fStartBody(setup: { unitId: string; channel: string }): Body {
  return { unitId: setup.unitId, channel: setup.channel };
}

/** The dimension (or 'overall') to bring into view after one was answered, or undefined when done. */
export function nextUnanswered(c: Campaign, body: Body, after: string): string | undefined {
  const ratings = (body.ratings ?? {}) as Record<string, unknown>;
  const order = [...c.dimensions.map((d) => `dim-${d.id}`), 'overall'];
  const answered = (a: string) => (a === 'overall' ? !!str(body.overall) : !!str(ratings[a.slice(4)]));
  const from = order.indexOf(after);
  return order.slice(from + 1).find((a) => !answered(a)) ?? order.slice(0, from).find((a) => !answered(a));
}
