import { PostgresAdapter, sql } from 'kysely';
import type { Campaign } from '../../domain/campaign';
import { isCounted, type ReviewState } from '../../domain/review';
import { computeTally, type Aggregate, type ReviewCounts, type Tally } from '../../domain/scoring';
import { rowCounter, type AnswerRow } from './dense-counts';
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

/** A row of f2f_effective as the tally reads it. */
export type StateRow = AnswerRow & { state: string };

/** Rows of f2f_effective read per page by the tally: memory holds one page, whatever the campaign's size. */
export const TALLY_PAGE = 2000;

/**
 * The campaign's f2f_effective rows, `pageSize` at a time, inside the caller's read transaction (so
 * every page is of the same snapshot). SQLite: keyset pages over the table's clustered key
 * (campaign_id, original_id), migration 003. PostgreSQL: a cursor over the plain query, so the
 * plan stays the index-only scan of f2f_effective_tally and the server hands over a page per FETCH.
 */
export async function* answerRowPages(tx: OfficeDb, campaignId: string, pageSize = TALLY_PAGE): AsyncGenerator<StateRow[]> {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`page size ${pageSize}`);
  const columns = ['unit_id', 'rater_group', 'overall', 'ratings', 'state'] as const;
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    const query = tx.selectFrom('f2f_effective').select(columns).where('campaign_id', '=', campaignId);
    await sql`declare tally_rows no scroll cursor for ${query}`.execute(tx);
    try {
      for (;;) {
        const { rows } = await sql<StateRow>`fetch forward ${sql.lit(pageSize)} from tally_rows`.execute(tx);
        if (rows.length > 0) yield rows;
        if (rows.length < pageSize) return;
      }
    } finally {
      await sql`close tally_rows`.execute(tx);
    }
  }
  let after: string | null = null;
  for (;;) {
    const rows = await tx
      .selectFrom('f2f_effective')
      .select([...columns, 'original_id'])
      .where('campaign_id', '=', campaignId)
      .$if(after !== null, (q) => q.where('original_id', '>', after!))
      .orderBy('original_id')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.original_id;
  }
}

/** Counts the rows by unit and state, and the aggregate of those that count, a page at a time. */
async function countStates(campaign: Campaign, pages: AsyncIterable<StateRow[]>) {
  const counts: ReviewCounts = new Map();
  const counter = rowCounter(campaign);
  for await (const rows of pages) {
    for (const r of rows) {
      let c = counts.get(r.unit_id);
      if (!c) counts.set(r.unit_id, (c = { counted: 0, held: 0, excluded: 0 }));
      if (isCounted(r.state as ReviewState)) {
        c.counted++;
        counter.add(r);
      } else if (r.state === 'held') c.held++;
      else c.excluded++;
    }
  }
  return { aggregate: counter.aggregate(), counts };
}

/**
 * Reads the campaign (its version in force), the counted questionnaires (f2f_effective), the
 * manual scores, the vetoes and the log head in one read transaction, so that the tally names exactly the log it counted:
 * f2f_effective is updated in the same transaction that appends to the log. (PostgreSQL: repeatable
 * read; SQLite: the transaction holds the database.) Undefined when the campaign is unknown.
 */
export async function readTallyInputs(db: OfficeDb, campaignId: string, cache?: AggregateCache, pageSize = TALLY_PAGE): Promise<TallyInputs | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((tx) => readTallyInputsIn(tx, campaignId, cache, pageSize));
}

/** readTallyInputs inside a read transaction the caller holds (the export reads its devices in the same one). */
export async function readTallyInputsIn(tx: OfficeDb, campaignId: string, cache?: AggregateCache, pageSize = TALLY_PAGE): Promise<TallyInputs | undefined> {
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
    // migration 003) or its covering index f2f_effective_tally (PostgreSQL), a page at a time:
    // grouping them in SQL costs more than it saves when most answers differ somewhere in their ratings.
    counted = { logSize: log.size, version: number, ...(await countStates(campaign, answerRowPages(tx, campaignId, pageSize))) };
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
}

/** The tally of the inputs, stamped with the time of computing. */
export function tallyOf(inputs: TallyInputs, computedAt: string): Tally {
  const meta = { campaignVersion: inputs.version.number, campaignHash: inputs.version.hash, computedAt, logSize: inputs.log.size, logRoot: inputs.log.root };
  return computeTally(inputs.campaign, inputs.aggregate, manualScoresOrNone(inputs.manual), meta, inputs.vetoes?.vetoes ?? {}, inputs.counts);
}
