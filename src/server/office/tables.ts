import type { Kysely } from 'kysely';
import type { CoreTables } from '../store/schema';

/** The office's own tables (migrations 002_office, 008_campaign_versions, 010_publications, 011_opinion_tags), as Kysely sees them. */
export type OfficeTables = {
  manual_scores: { campaign_id: string; version: number; scores: string; bonus_ranking: string; set_at: string; set_by: string };
  people: {
    username: string;
    role: string;
    display_name: string | null;
    unit_id: string | null;
    password_hash: string;
    created_at: string;
    disabled_at: string | null;
  };
  sessions: { token_hash: string; username: string; created_at: string; expires_at: string };
  /** Migration 008: the vetoes (一票否决) in force per version, JSON unit id → reason. */
  campaign_vetoes: { campaign_id: string; version: number; vetoes: string; set_at: string; set_by: string };
  /** Migration 011: the office's 甄别 of each opinion (ref: record hash, `/<i>` for an item), tags a JSON array. */
  opinion_tags: { campaign_id: string; ref: string; tags: string; note: string | null; set_at: string; set_by: string };
  /** Migration 010: every tally made public (公示), canon(tally) as signed. */
  publications: {
    campaign_id: string;
    version: number;
    tally: string;
    server_sig: string;
    published_at: string;
    published_by: string;
    action_hash: string;
  };
};

export type OfficeDb = Kysely<CoreTables & OfficeTables>;
