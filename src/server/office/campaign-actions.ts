import type { Transaction } from 'kysely';
import type { CampaignChange } from '../../domain/campaign-diff';
import type { CoreTables } from '../store/schema';
import type { OfficeTables } from './tables';
import type { Vetoes } from './vetoes';

type Tx = Transaction<CoreTables & OfficeTables>;

/**
 * The office actions of campaign versions and vetoes, written in the transaction of the change
 * (PROTOCOL.md "Office actions"). The version row itself (who, when, H(definition)) is the
 * record until the office-action log takes them.
 */
export async function recordCampaignVersion(
  _tx: Tx,
  _a: { campaignId: string; actor: string; at: string; version: number; hash: string; changes: CampaignChange[] },
): Promise<void> {}

/** The office action of a change of vetoes: what was imposed and what was lifted. */
export async function recordVetoes(_tx: Tx, _a: { campaignId: string; actor: string; at: string; version: number; imposed: Vetoes; lifted: string[] }): Promise<void> {}
