import type { Kysely } from 'kysely';
import type { CoreTables } from '../store/schema';

/** The tables of migration 002_office, as Kysely sees them. */
export type OfficeTables = {
  manual_scores: { campaign_id: string; version: number; scores: string; bonus_ranking: string; set_at: string; set_by: string };
  people: { username: string; role: string; display_name: string | null; password_hash: string; created_at: string; disabled_at: string | null };
  sessions: { token_hash: string; username: string; created_at: string; expires_at: string };
};

export type OfficeDb = Kysely<CoreTables & OfficeTables>;
