import { CompiledQuery } from 'kysely';
import type { StoreDialect } from './migrations/kit';
import type { Tx } from './schema';
import type { Prepared } from './sqlite-prepared';

/**
 * Multi-row INSERT for the ingest hot path, as precompiled SQL: Kysely's query builder spends more
 * time compiling a 500-row insert than the database spends running it. The SQL text is cached per
 * table and row count (a handful of shapes), so the statement cache below it hits as well. With
 * `prepared` (SQLite: the store's own connection, which the transaction runs on), the statements
 * run directly, prepared once per connection.
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

  /** Inserts rows (arrays of values in `columns` order), `perStatement` rows per INSERT. */
  return async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: unknown[][], perStatement = 500): Promise<void> {
    for (let i = 0; i < rows.length; i += perStatement) {
      const end = Math.min(rows.length, i + perStatement);
      const params: unknown[] = [];
      for (let r = i; r < end; r++) for (const v of rows[r]!) params.push(v);
      const text = sqlFor(table, columns, end - i);
      if (prepared) prepared(text).run(params);
      else await tx.executeQuery(CompiledQuery.raw(text, params));
    }
  };
}

export type InsertRows = ReturnType<typeof bulkInserter>;
