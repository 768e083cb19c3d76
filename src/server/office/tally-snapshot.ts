import type { Campaign } from '../../domain/campaign';
import { addOverall, addRating, computeTally, emptyAggregate, type Aggregate, type Tally } from '../../domain/scoring';
import { campaignFromRow } from '../store/rows';
import type { LogHead } from '../store/types';
import { currentManualScores, manualScoresOrNone, type ManualScoresVersion } from './manual-scores';
import type { OfficeDb } from './tables';

/** Everything a tally is computed from, read at one moment. */
export interface TallyInputs {
  campaign: Campaign;
  aggregate: Aggregate;
  manual: ManualScoresVersion | null;
  log: LogHead;
}

/**
 * Reads the campaign, the counted questionnaires (f2f_effective, grouped in SQL), the manual scores
 * and the log head in one read transaction, so that the tally names exactly the log it counted:
 * f2f_effective is updated in the same transaction that appends to the log. (PostgreSQL: repeatable
 * read; SQLite: the transaction holds the database.) Undefined when the campaign is unknown.
 */
export async function readTallyInputs(db: OfficeDb, campaignId: string): Promise<TallyInputs | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const def = await tx.selectFrom('campaigns').select('definition').where('id', '=', campaignId).executeTakeFirst();
      if (!def) return undefined;
      const rows = await tx
        .selectFrom('f2f_effective')
        .select(['unit_id', 'rater_group', 'overall', 'ratings'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .groupBy(['unit_id', 'rater_group', 'overall', 'ratings'])
        .execute();
      const manual = await currentManualScores(tx, campaignId);
      const log = await tx.selectFrom('log_state').select(['size', 'root']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { campaign: campaignFromRow(def.definition), aggregate: aggregateRows(rows), manual, log: { size: log.size, root: log.root } };
    });
}

/** Builds the aggregate from grouped rows; equal ratings texts are parsed once. */
export function aggregateRows(rows: Iterable<{ unit_id: string; rater_group: string; overall: string; ratings: string; n: number | string | bigint }>): Aggregate {
  const agg = emptyAggregate();
  const parsed = new Map<string, [string, string][]>();
  for (const r of rows) {
    const n = Number(r.n);
    addOverall(agg, r.unit_id, r.rater_group, r.overall, n);
    let ratings = parsed.get(r.ratings);
    if (!ratings) parsed.set(r.ratings, (ratings = Object.entries(JSON.parse(r.ratings) as Record<string, string>)));
    for (const [dim, level] of ratings) addRating(agg, r.unit_id, r.rater_group, dim, level, n);
  }
  return agg;
}

/** The tally of the inputs, stamped with the time of computing. */
export function tallyOf(inputs: TallyInputs, computedAt: string): Tally {
  return computeTally(inputs.campaign, inputs.aggregate, manualScoresOrNone(inputs.manual), {
    computedAt,
    logSize: inputs.log.size,
    logRoot: inputs.log.root,
  });
}
