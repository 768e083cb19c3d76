import type { Kysely } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

/** A migration that may need to know the dialect (column types such as blob/bytea differ). */
export interface PingyiMigration {
  up(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
  down?(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
}

/** The column type for raw bytes in each dialect. */
export const bytesType = (dialect: StoreDialect) => (dialect === 'postgres' ? 'bytea' : 'blob');
