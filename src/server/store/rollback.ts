import type { DatabaseConnection, DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler, TransactionSettings } from 'kysely';
import { errorLine } from './faults';

export interface RollbackOptions {
  /** SQLite: whether a transaction is still open (SQLite ends one itself on SQLITE_FULL, SQLITE_IOERR …). */
  inTransaction?: () => boolean;
  log: (line: string) => void;
}

/**
 * A dialect whose rollbacks never replace the error that ended the transaction. Kysely rolls back
 * when a transaction's callback throws and, when that rollback fails, throws the rollback's error
 * instead: a full disk surfaced as `cannot rollback - no transaction is active` (SQLite had already
 * rolled back), a dropped PostgreSQL connection as `Client was closed`. Here a rollback that SQLite
 * made unnecessary is skipped, and one that fails is logged in one line while the first error goes on.
 */
export function keepFirstError(inner: Dialect, o: RollbackOptions): Dialect {
  return {
    createAdapter: (): DialectAdapter => inner.createAdapter(),
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => inner.createIntrospector(db),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
    createDriver: (): Driver => guardedDriver(inner.createDriver(), o),
  };
}

function guardedDriver(d: Driver, o: RollbackOptions): Driver {
  return {
    init: () => d.init(),
    acquireConnection: () => d.acquireConnection(),
    beginTransaction: (c: DatabaseConnection, s: TransactionSettings) => d.beginTransaction(c, s),
    commitTransaction: (c: DatabaseConnection) => d.commitTransaction(c),
    async rollbackTransaction(c: DatabaseConnection) {
      if (o.inTransaction && !o.inTransaction()) return;
      try {
        await d.rollbackTransaction(c);
      } catch (e) {
        o.log(`Rollback failed (${errorLine(e)}); the transaction's own error is answered.`);
      }
    },
    releaseConnection: (c: DatabaseConnection) => d.releaseConnection(c),
    destroy: () => d.destroy(),
    ...(d.savepoint ? { savepoint: d.savepoint.bind(d) } : {}),
    ...(d.rollbackToSavepoint ? { rollbackToSavepoint: d.rollbackToSavepoint.bind(d) } : {}),
    ...(d.releaseSavepoint ? { releaseSavepoint: d.releaseSavepoint.bind(d) } : {}),
  };
}
