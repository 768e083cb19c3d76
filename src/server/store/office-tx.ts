import { canonString } from '../../protocol/canon';
import { OfficeActionSchema, type LoggedAction, type OfficeAction } from '../../protocol/office-action';
import { leafHashOfCanon, sha256HexSync } from '../hashing';
import type { InsertRows } from './bulk';
import { appendToLog } from './log-append';
import type { StoreDialect } from './migrations/kit';
import type { Tx } from './schema';

/** An office action as its writer gives it: `v` and `type` are filled in. */
export type NewOfficeAction = Omit<OfficeAction, 'v' | 'type'>;

/** The transaction of an office mutation: its writes go through `db`, its action through `appendAction`. */
export interface OfficeTx {
  /** The open transaction (withTables<…>() for a module's own tables). */
  readonly db: Tx;
  /**
   * Appends the action as a leaf of the audit log (and a row of office_actions) in this
   * transaction: it commits with the mutation or not at all. Throws on an action that is not of
   * the protocol's shape (a programming error: callers build actions from checked input).
   */
  appendAction(action: NewOfficeAction): Promise<LoggedAction>;
}

/**
 * The OfficeTx over a transaction that is already open (kysely-store.ts officeTx, and modules that
 * open their own with `db.transaction()`: office/actions.ts `officeTxIn`).
 */
export function officeTx(tx: Tx, dialect: StoreDialect, insertRows: InsertRows): OfficeTx {
  return {
    db: tx,
    async appendAction(a) {
      const parsed = OfficeActionSchema.safeParse({ v: 1, type: 'office', ...a });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new TypeError(`office action ${a.action}: ${issue.path.join('.')}: ${issue.message}`);
      }
      const action = parsed.data;
      const canon = canonString(action);
      const hash = sha256HexSync(canon);
      const { base } = await appendToLog(tx, dialect, insertRows, [leafHashOfCanon(canon)]);
      await tx
        .insertInto('office_actions')
        .values({ log_idx: base, hash, campaign_id: action.campaignId ?? null, action: action.action, actor: action.actor, at: action.at, canon })
        .execute();
      return { hash, logIndex: base, action };
    },
  };
}
