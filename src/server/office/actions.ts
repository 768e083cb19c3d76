/**
 * Office actions: every decision of the office is a leaf of the audit log (PROTOCOL.md "Office
 * actions"). An action `{ v: 1, type: "office", action, campaignId?, actor, at, data }` is appended
 * as canon(action) to the same RFC 6962 log as the records, in the same transaction as the change
 * it records: the change and its leaf commit together or not at all, and a tally's logRoot covers
 * the decisions it applied.
 *
 * How to log a new kind of decision (copy this):
 *
 *   import { OFFICE_ACTIONS } from '../../protocol/office-action';   // add your name there
 *   const logged = await store.officeTx(async (tx) => {
 *     const db = tx.db.withTables<MyTables>();          // the open transaction
 *     await db.insertInto('my_table').values({ … }).execute();
 *     return tx.appendAction({
 *       action: OFFICE_ACTIONS.myDecision,              // 'review-decision', 'veto', …
 *       campaignId,                                      // omit for server-wide actions (accounts)
 *       actor: ctx.actorOf(req),                         // or actorName(auth.principalOf(req)), ADMIN_CLI
 *       at: isoTime(now()),
 *       data: { … },                                     // JSON; enough to replay the decision, no secrets
 *     });
 *   });
 *   // logged = { hash: H(action), logIndex: its leaf index, action }
 *
 * - Everything inside `officeTx` is one transaction; throw to undo it all (the leaf included).
 * - `appendAction` takes the log lock (PostgreSQL: `log_state` FOR UPDATE; SQLite: the write
 *   transaction), so office actions and record batches are serialised. Take your own row locks
 *   before it, as ingest does (rows → log), and keep the transaction short: batches wait for it.
 * - Several actions may be appended in one transaction; each gets its own leaf.
 * - A change that changes nothing (a second revocation) logs nothing.
 * - To replay the decision in `npm run verify`, see office/verify/decisions.ts.
 *
 * Already logged: manual scores, enrollment codes issued (their hash, not the code), revocations,
 * accounts created and disabled (store/kysely-store.ts, office/manual-scores.ts, office/people.ts).
 */
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { LoggedAction, OfficeAction } from '../../protocol/office-action';
import { bulkInserter } from '../store/bulk';
import { officeTx, type OfficeTx } from '../store/office-tx';
import type { DbOrTx, Tx } from '../store/schema';
import type { Store } from '../store/types';

export { ADMIN_CLI_ACTOR, ADMIN_TOKEN_ACTOR, OFFICE_ACTIONS, type LoggedAction, type OfficeAction } from '../../protocol/office-action';
export type { NewOfficeAction, OfficeTx } from '../store/office-tx';

/**
 * An OfficeTx over a transaction the caller already opened with `db.transaction()` (for code that
 * manages its own transaction and retries, such as campaign versions): `appendAction` then commits
 * with that transaction. Prefer `store.officeTx` for new code.
 */
export function officeTxIn<DB>(store: Pick<Store, 'dialect'>, tx: Transaction<DB>): OfficeTx {
  return officeTx(tx as unknown as Tx, store.dialect, bulkInserter(store.dialect));
}

export const ActionsQuerySchema = z.strictObject({
  campaignId: z.string().min(1).max(200).optional(),
  /** The logIndex of the last action of the previous page. */
  after: z.coerce.number().int().min(-1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ActionsQuery = z.infer<typeof ActionsQuerySchema>;

/** Office actions in log order, a page at a time: `next` is the `after` of the next page, or null. */
export async function listOfficeActions(db: DbOrTx, q: ActionsQuery): Promise<{ actions: LoggedAction[]; next: number | null }> {
  const rows = await db
    .selectFrom('office_actions')
    .select(['log_idx', 'hash', 'canon'])
    .$if(q.campaignId !== undefined, (s) => s.where('campaign_id', '=', q.campaignId!))
    .$if(q.after !== undefined, (s) => s.where('log_idx', '>', q.after!))
    .orderBy('log_idx')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  return {
    actions: page.map((r) => ({ hash: r.hash, logIndex: r.log_idx, action: JSON.parse(r.canon) as OfficeAction })),
    next: rows.length > q.limit ? page[page.length - 1]!.log_idx : null,
  };
}
