import type { Campaign } from '../../../domain/campaign';
import type { Translate } from '../../i18n';
import { str, strs, type Body, type Missing } from '../common/body';
import type { StallKey } from './messages';

export type Complaint = { unitId?: string; category: string; text?: string };

/** A new stall log: nobody yet, no complaint yet; opening and closing are tapped when they happen. */
export function stallStart(): Body {
  return { visitors: 0, complaints: [] };
}

export function complaintsOf(b: Body): Complaint[] {
  return Array.isArray(b.complaints) ? (b.complaints as Complaint[]) : [];
}

/** Complainants' contacts, kept beside the complaints (same index) in the draft's secret. */
export function contactsOf(secret: Record<string, unknown> | undefined): string[] {
  return strs(secret?.contacts);
}

export function missingStall(_c: Campaign, b: Body, _s: unknown, _ctx: unknown, t: Translate<StallKey>): Missing[] {
  const out: Missing[] = [];
  if (!str(b.place).trim()) out.push({ anchor: 'place', label: t('place') });
  if (!strs(b.unitIds).length) out.push({ anchor: 'units', label: t('units') });
  if (!str(b.openedAt)) out.push({ anchor: 'openedAt', label: t('openedAt') });
  if (!str(b.closedAt)) out.push({ anchor: 'closedAt', label: t('closedAt') });
  else if (str(b.openedAt) && str(b.closedAt) < str(b.openedAt)) out.push({ anchor: 'closedAt', label: t('closedBeforeOpened'), wrong: true });
  complaintsOf(b).forEach((c, i) => {
    if (!str(c.unitId)) out.push({ anchor: `complaint-${i}`, label: t('complaintUnit', { n: i + 1 }) });
    if (!str(c.text).trim()) out.push({ anchor: `complaint-${i}`, label: t('complaintText', { n: i + 1 }) });
  });
  return out;
}

/** The confidential part: each complainant's contact with the number of their complaint. */
export function stallSecretToSeal(secret: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const complainants = contactsOf(secret)
    .map((contact, complaint) => ({ complaint, contact: contact.trim() }))
    .filter((c) => c.contact);
  return complainants.length ? { complainants } : undefined;
}

/** Removes complaint i and its contact together, so contacts stay beside their complaints. */
export function withoutComplaint(b: Body, secret: Record<string, unknown> | undefined, i: number): { body: Body; secret: Record<string, unknown> } {
  return {
    body: { ...b, complaints: complaintsOf(b).filter((_, j) => j !== i) },
    secret: { ...(secret ?? {}), contacts: contactsOf(secret).filter((_, j) => j !== i) },
  };
}
