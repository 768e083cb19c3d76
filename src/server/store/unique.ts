import type { StoreDialect } from './migrations/kit';
import type { DbOrTx } from './schema';

/** True for a unique/primary-key violation in either dialect (a concurrent writer got there first). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs a transaction that takes the next version number of something, again (up to three times
 * more) when a concurrent writer took that number first: the next run reads what it wrote.
 */
export async function againOnUniqueViolation<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt < 3 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

/**
 * PostgreSQL: locks the campaign's row until the transaction ends, so that writers of one
 * campaign's versioned figures (manual scores, publications) queue and each takes the next version
 * number. SQLite's write transaction already runs one writer at a time.
 */
export async function lockCampaign(tx: DbOrTx, dialect: StoreDialect, campaignId: string): Promise<void> {
  await tx
    .selectFrom('campaigns')
    .select('id')
    .where('id', '=', campaignId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .execute();
}
