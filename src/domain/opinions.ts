import type { PingyiRecord } from './records';

/**
 * Opinions sorted (归纳梳理): every opinion, complaint and finding of a campaign as one list the
 * office sorts and verifies (甄别). Pure: the server builds the list from the stored records, the
 * feedback pack and the rectification items read it.
 */

/** The 甄别 tags the office sets on an opinion (DOMAIN.md "Follow-up"). */
export const OPINION_TAGS = ['substantiated', 'unsubstantiated', 'suggestion', 'praise', 'duplicate'] as const;
export type OpinionTag = (typeof OPINION_TAGS)[number];

/** Their names as the office writes them. */
export const OPINION_TAG_LABELS: Record<OpinionTag, string> = {
  substantiated: '属实',
  unsubstantiated: '不属实',
  suggestion: '建议',
  praise: '表扬',
  duplicate: '重复',
};

/**
 * Where an opinion comes from: a questionnaire's comment, an opinion noted at a forum (座谈会), a
 * complaint at a stall (设点咨询), or an inspection finding (明察暗访).
 */
export const OPINION_SOURCES = ['comment', 'forum', 'stall', 'finding'] as const;
export type OpinionSource = (typeof OPINION_SOURCES)[number];

/**
 * One opinion as the records say it (no tags yet). `ref` names it for the office's tags:
 * the original record's hash, followed by `/<i>` for the i-th opinion or complaint of a forum or
 * stall record (counted in the body in force, after the latest amendment).
 */
export interface OpinionItem {
  ref: string;
  /** The original record's hash (what a rectification item names as its source). */
  hash: string;
  item: number | null;
  source: OpinionSource;
  unitId: string | null;
  dimensionId: string | null;
  /** A forum opinion's kind (opinion, suggestion, complaint, praise), a complaint's category, a finding's categories (joined by ","). */
  category: string | null;
  /** The open text; null for a finding, whose description is sealed (opened in the office's browser). */
  text: string | null;
  /** When it was said: the forum's heldAt, the stall's openedAt, the visit's visitedAt, the questionnaire's sealedAt. */
  at: string;
  /** A finding's severity id. */
  severity: string | null;
  /** True when an amendment replaced the original body. */
  amended: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The opinions one record holds, from its body in force (`body`: the latest amendment's, or the
 * record's own). Never anything about who said it or who noted it: no collector, device, contact.
 */
export function opinionItems(record: Pick<PingyiRecord, 'type' | 'sealedAt'>, hash: string, body: Record<string, unknown>, amended: boolean): OpinionItem[] {
  const base = { hash, amended, dimensionId: null, severity: null };
  switch (record.type) {
    case 'f2f': {
      const text = typeof body.comment === 'string' ? body.comment.trim() : '';
      if (!text) return [];
      return [{ ...base, ref: hash, item: null, source: 'comment', unitId: str(body.unitId), category: null, text, at: record.sealedAt }];
    }
    case 'forum': {
      const opinions = Array.isArray(body.opinions) ? (body.opinions as Record<string, unknown>[]) : [];
      const units = Array.isArray(body.unitIds) ? (body.unitIds as unknown[]) : [];
      // An opinion without a unit is about the forum's unit when it names exactly one.
      const only = units.length === 1 ? str(units[0]) : null;
      return opinions.map((o, i) => ({
        ...base,
        ref: `${hash}/${i}`,
        item: i,
        source: 'forum' as const,
        unitId: str(o.unitId) ?? only,
        dimensionId: str(o.dimensionId),
        category: str(o.kind),
        text: String(o.text ?? ''),
        at: str(body.heldAt) ?? record.sealedAt,
      }));
    }
    case 'stall': {
      const complaints = Array.isArray(body.complaints) ? (body.complaints as Record<string, unknown>[]) : [];
      return complaints.map((c, i) => ({
        ...base,
        ref: `${hash}/${i}`,
        item: i,
        source: 'stall' as const,
        unitId: str(c.unitId),
        category: str(c.category),
        text: String(c.text ?? ''),
        at: str(body.openedAt) ?? record.sealedAt,
      }));
    }
    case 'visit':
      return [
        {
          ...base,
          ref: hash,
          item: null,
          source: 'finding',
          unitId: str(body.unitId),
          category: Array.isArray(body.categories) ? (body.categories as unknown[]).map(String).join(',') : null,
          text: null,
          at: str(body.visitedAt) ?? record.sealedAt,
          severity: str(body.severity),
        },
      ];
    default:
      return [];
  }
}

/** A ref as the office sends it: a record hash, optionally `/<index>`. */
export const OPINION_REF = /^[0-9a-f]{64}(\/\d{1,4})?$/;
