import type { Campaign } from '../../domain/campaign';
import { isCounted, type ReviewState } from '../../domain/review';
import { computeTally, type Aggregate, type ReviewCounts, type Tally } from '../../domain/scoring';
import { countRows } from './dense-counts';
import { campaignFromRow } from '../store/rows';
import type { LogHead } from '../store/types';
import { currentManualScores, manualScoresOrNone, type ManualScoresVersion } from './manual-scores';
import type { OfficeDb } from './tables';
import { campaignVersion } from './campaign-versions';
import { currentVetoes, type VetoesVersion } from './vetoes';

/** Everything a tally is computed from, read at one moment. */
export interface TallyInputs {
  campaign: Campaign;
  /** The version in force as stored (the text its hash is of) and H() of it. */
  version: { number: number; definition: Record<string, unknown>; hash: string };
  vetoes: VetoesVersion | null;
  aggregate: Aggregate;
  /** Questionnaires per unit by review state. */
  counts: ReviewCounts;
  manual: ManualScoresVersion | null;
  log: LogHead;
}

/**
 * The aggregate of a campaign at a log size. f2f_effective changes only in the transaction that
 * appends to the log, so an aggregate read at log size N is the aggregate at N for as long as the
 * log stays at N: repeated tallies (the console refreshing) skip the read. Kept by the caller.
 */
export type AggregateCache = Map<string, { logSize: number; version: number; aggregate: Aggregate; counts: ReviewCounts }>;

/** Counts the rows by unit and state, and the aggregate of those that count. */
function countStates(campaign: Campaign, rows: { unit_id: string; rater_group: string; overall: string; ratings: string; state: string }[]) {
  const counts: ReviewCounts = new Map();
  const counted = rows.filter((r) => {
    let c = counts.get(r.unit_id);
    if (!c) counts.set(r.unit_id, (c = { counted: 0, held: 0, excluded: 0 }));
    const yes = isCounted(r.state as ReviewState);
    if (yes) c.counted++;
    else if (r.state === 'held') c.held++;
    else c.excluded++;
    return yes;
  });
  return { aggregate: countRows(campaign, counted), counts };
}

/**
 * Reads the campaign (its version in force), the counted questionnaires (f2f_effective), the
 * manual scores, the vetoes and the log head in one read transaction, so that the tally names exactly the log it counted:
 * f2f_effective is updated in the same transaction that appends to the log. (PostgreSQL: repeatable
 * read; SQLite: the transaction holds the database.) Undefined when the campaign is unknown.
 */
export async function readTallyInputs(db: OfficeDb, campaignId: string, cache?: AggregateCache): Promise<TallyInputs | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const def = await tx.selectFrom('campaigns').select('definition').where('id', '=', campaignId).executeTakeFirst();
      if (!def) return undefined;
      const campaign = campaignFromRow(def.definition);
      const number = campaign.version ?? 1;
      const stored = await campaignVersion(tx, campaignId, number);
      if (!stored) throw new Error(`campaign ${campaignId} has no stored version ${number}`);
      const vetoes = await currentVetoes(tx, campaignId);
      const log = await tx.selectFrom('log_state').select(['size', 'root']).where('id', '=', 1).executeTakeFirstOrThrow();
      const manual = await currentManualScores(tx, campaignId);
      const cached = cache?.get(campaignId);
      // The counts are read through the definition (its units, groups and levels): a new version reads again.
      let counted = cached?.logSize === log.size && cached.version === number ? cached : undefined;
      if (!counted) {
        // Plain rows, read from the campaign's range of the table (SQLite: clustered by campaign,
        // migration 003) or its covering index f2f_effective_tally (PostgreSQL): grouping them in
        // SQL costs more than it saves when most answers differ somewhere in their ratings.
        const rows = await tx
          .selectFrom('f2f_effective')
          .select(['unit_id', 'rater_group', 'overall', 'ratings', 'state'])
          .where('campaign_id', '=', campaignId)
          .execute();
        counted = { logSize: log.size, version: number, ...countStates(campaign, rows) };
        cache?.set(campaignId, counted);
      }
      return {
        campaign,
        version: { number, ...stored },
        vetoes,
        aggregate: counted.aggregate,
        counts: counted.counts,
        manual,
        log: { size: log.size, root: log.root },
      };
    });
}

/** The tally of the inputs, stamped with the time of computing. */
export function tallyOf(inputs: TallyInputs, computedAt: string): Tally {
  const meta = { campaignVersion: inputs.version.number, campaignHash: inputs.version.hash, computedAt, logSize: inputs.log.size, logRoot: inputs.log.root };
  return computeTally(inputs.campaign, inputs.aggregate, manualScoresOrNone(inputs.manual), meta, inputs.vetoes?.vetoes ?? {}, inputs.counts);
}
