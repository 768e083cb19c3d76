import type { RecordType } from '../../../domain/records';
import { TYPES, type RecordFilter } from '../../../store/queries';

/** What the list shows: sealed records (default) or drafts, and the filters over them. */
export interface ListFilter extends RecordFilter {
  status: 'sealed' | 'drafts';
}

/** Reads the filter from the route's query (`#/records?type=f2f&status=drafts`), ignoring junk. */
export function filterFromParams(p: Record<string, string>): ListFilter {
  const f: ListFilter = { status: p.status === 'drafts' ? 'drafts' : 'sealed' };
  if (TYPES.includes(p.type as RecordType)) f.type = p.type as RecordType;
  if (p.unit) f.unitId = p.unit;
  if (/^\d{4}-\d{2}-\d{2}$/.test(p.day ?? '')) f.day = p.day;
  if (p.sent === 'sent' || p.sent === 'unsent') f.sent = p.sent;
  return f;
}

/** The query string for a filter, so the back button returns to the same list. */
export function filterToQuery(f: ListFilter): string {
  const q = new URLSearchParams();
  if (f.status === 'drafts') q.set('status', 'drafts');
  if (f.type) q.set('type', f.type);
  if (f.unitId) q.set('unit', f.unitId);
  if (f.day) q.set('day', f.day);
  if (f.sent && f.status === 'sealed') q.set('sent', f.sent);
  const s = q.toString();
  return s ? `?${s}` : '';
}
