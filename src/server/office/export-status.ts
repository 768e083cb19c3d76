import type { PingyiRecord } from '../../domain/records';
import { byHashes, hashEpochs } from '../store/rows';
import type { StoredRow } from './export-source';
import type { OfficeDb } from './tables';

/**
 * What a row of the record exports means for the tally (PROTOCOL.md "Results the office
 * publishes"): a pivot over the rows whose status is `counted` gives the tally's answers.
 * - A questionnaire's version in force (the original, or its latest amend) carries the review
 *   state: `counted` (never held, or accepted), `held`, `excluded`.
 * - Its earlier versions are `superseded`; every version of a voided questionnaire is `voided`.
 * - The `void` record itself, and an amend or void of a record that is not a questionnaire, is a
 *   `correction`; forum notes, findings and stall logs are `other`.
 */
export type ExportStatus = 'counted' | 'held' | 'excluded' | 'voided' | 'superseded' | 'correction' | 'other';

export const STATUS_LABELS: Record<ExportStatus, string> = {
  counted: '计入统计',
  held: '待审核，暂不计入',
  excluded: '已剔除（审核决定），不计入',
  voided: '已作废，不计入',
  superseded: '已被更正，以更正后的版本为准',
  correction: '更正或作废记录',
  other: '非问卷记录',
};

const FROM_STATE: Record<string, ExportStatus> = { counted: 'counted', accepted: 'counted', held: 'held', excluded: 'excluded' };

/**
 * The statuses of one page of exported rows, as the server holds the questionnaires now
 * (f2f_effective): two indexed reads per page, whatever the campaign's size.
 */
export async function pageStatuses(db: OfficeDb, campaignId: string, page: { stored: StoredRow; record: PingyiRecord }[]): Promise<ExportStatus[]> {
  const targetHashes = [
    ...new Set(
      page
        .filter((p) => p.record.type === 'amend')
        .map((p) => p.record.body.targetHash)
        .filter((h): h is string => typeof h === 'string'),
    ),
  ];
  const targetTypes = new Map<string, string>();
  if (targetHashes.length > 0) {
    const rows = await db
      .selectFrom('records')
      .select(['hash', 'type'])
      .where(byHashes(targetHashes, await hashEpochs(db)))
      .execute();
    for (const r of rows) targetTypes.set(r.hash, r.type);
  }
  const originalOf = (r: PingyiRecord): string | null => {
    if (r.type === 'f2f') return r.id;
    if (r.type === 'amend' && targetTypes.get(String(r.body.targetHash)) === 'f2f') return String(r.body.targetId);
    return null;
  };
  const originals = [...new Set(page.map((p) => originalOf(p.record)).filter((id): id is string => id !== null))];
  const effective = new Map<string, { latestSeq: number; state: string }>();
  for (let i = 0; i < originals.length; i += 500) {
    const rows = await db
      .selectFrom('f2f_effective')
      .select(['original_id', 'latest_seq', 'state'])
      .where('campaign_id', '=', campaignId)
      .where('original_id', 'in', originals.slice(i, i + 500))
      .execute();
    for (const r of rows) effective.set(r.original_id, { latestSeq: r.latest_seq, state: r.state });
  }
  return page.map(({ record }) => {
    const original = originalOf(record);
    if (original === null) return record.type === 'amend' || record.type === 'void' ? 'correction' : 'other';
    const e = effective.get(original);
    if (!e) return 'voided'; // every questionnaire stays in f2f_effective until a void removes it
    return e.latestSeq === record.seq ? (FROM_STATE[e.state] ?? 'excluded') : 'superseded';
  });
}
