import { OFFICE_ACTIONS, type OfficeTx } from './actions';
import type { Vetoes } from './vetoes';

/**
 * The office actions of campaign versions and vetoes, appended in the transaction of the change
 * (PROTOCOL.md "Office actions"; the caller wraps its transaction with officeTxIn). A version's
 * action is written by the store's own code (store/campaign-versions.ts), which also logs the
 * versions written without the office.
 */
export { recordCampaignVersion } from '../store/campaign-versions';

/** The office action of a change of vetoes: the version, what was imposed and what was lifted. */
export async function recordVetoes(
  tx: OfficeTx,
  a: { campaignId: string; actor: string; at: string; version: number; imposed: Vetoes; lifted: string[] },
): Promise<void> {
  await tx.appendAction({
    action: OFFICE_ACTIONS.vetoes,
    campaignId: a.campaignId,
    actor: a.actor,
    at: a.at,
    data: { version: a.version, imposed: a.imposed, lifted: a.lifted },
  });
}
