import type Database from 'better-sqlite3';

/**
 * Statements of one SQLite connection prepared once and kept, by SQL text: the ingest path runs the
 * same few statements for every batch, and building them through the query builder (compiling,
 * then looking up the compiled text) cost more than running most of them. Bounded: multi-row
 * inserts and IN lists have one text per row count.
 */
export type Prepared = (sql: string) => Database.Statement;

export function preparedStatements(raw: Database.Database, max = 512): Prepared {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = raw.prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}

/** `?,?,…` for an IN list of n values. */
export const placeholders = (n: number): string => (n === 1 ? '?' : '?,'.repeat(n - 1) + '?');
