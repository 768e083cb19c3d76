import { CompiledQuery } from 'kysely';
import type { StoreDialect } from './migrations/kit';
import type { Tx } from './schema';
import type { Prepared } from './sqlite-prepared';

/**
 * Bulk INSERT for the ingest hot path, as precompiled SQL: Kysely's query builder spends more time
 * compiling a 500-row insert than the database spends running it. PostgreSQL gets multi-row
 * INSERTs (one round trip per `perStatement` rows), their text cached per table and row count (a
 * handful of shapes), so the statement cache below it hits as well. With `prepared` (SQLite: the
 * store's own connection, which the transaction runs on), one single-row statement, prepared once
 * per connection, runs for each row: SQLite runs a multi-row VALUES list as a co-routine, which
 * measured a third slower for a batch's 500 records than the same rows one by one (no round trip
 * to save in an embedded database).
 */
export function bulkInserter(dialect: StoreDialect, prepared?: Prepared) {
  const texts = new Map<string, string>();
  const sqlFor = (table: string, columns: readonly string[], rows: number): string => {
    const key = `${table}:${rows}`;
    let text = texts.get(key);
    if (text === undefined) {
      let n = 0;
      const tuple = () => '(' + columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(',') + ')';
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array.from({ length: rows }, tuple).join(',')}`;
      if (texts.size > 2048) texts.clear();
      texts.set(key, text);
    }
    return text;
  };

  /** Inserts rows (arrays of values in `columns` order), `perStatement` rows per INSERT where a statement takes several. */
  return async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: unknown[][], perStatement = 500): Promise<void> {
    if (rows.length === 0) return;
    if (prepared) {
      const stmt = prepared(sqlFor(table, columns, 1));
      for (const row of rows) stmt.run(row);
      return;
    }
    for (let i = 0; i < rows.length; i += perStatement) {
      const end = Math.min(rows.length, i + perStatement);
      const params: unknown[] = [];
      for (let r = i; r < end; r++) for (const v of rows[r]!) params.push(v);
      await tx.executeQuery(CompiledQuery.raw(sqlFor(table, columns, end - i), params));
    }
  };
}

export type InsertRows = ReturnType<typeof bulkInserter>;
