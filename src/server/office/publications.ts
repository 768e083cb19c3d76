import { canonString } from '../../protocol/canon';
import { OFFICE_ACTIONS, type LoggedAction } from '../../protocol/office-action';
import type { Tally } from '../../domain/scoring';
import { againOnUniqueViolation, lockCampaign } from '../store/unique';
import type { Store } from '../store/types';
import type { OfficeDb, OfficeTables } from './tables';

/** A tally the office made public (公示): exactly as signed. */
export interface Publication {
  version: number;
  tally: Tally;
  serverSig: string;
  publishedAt: string;
  publishedBy: string;
  actionHash: string;
}

/** The campaign's latest publication, or null before the first. */
export async function latestPublication(db: OfficeDb, campaignId: string): Promise<Publication | null> {
  const row = await db.selectFrom('publications').selectAll().where('campaign_id', '=', campaignId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row
    ? {
        version: row.version,
        tally: JSON.parse(row.tally) as Tally,
        serverSig: row.server_sig,
        publishedAt: row.published_at,
        publishedBy: row.published_by,
        actionHash: row.action_hash,
      }
    : null;
}

/**
 * Makes a signed tally public as the next version of the campaign's publication and logs the office
 * action `publish` in the same transaction. The action carries the signed tally itself, so the
 * verifiable export holds what was published and `npm run verify` replays it against the records.
 */
export async function publishTally(
  store: Store,
  signed: { tally: Tally; serverSig: string },
  o: { actor: string; at: string },
): Promise<{ version: number; logged: LoggedAction }> {
  const campaignId = signed.tally.campaignId;
  return againOnUniqueViolation(() =>
    store.officeTx(async (otx) => {
      const tx = otx.db.withTables<OfficeTables>();
      await lockCampaign(otx.db, store.dialect, campaignId);
      const top = await tx
        .selectFrom('publications')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('campaign_id', '=', campaignId)
        .executeTakeFirst();
      const version = Number(top?.v ?? 0) + 1;
      const logged = await otx.appendAction({
        action: OFFICE_ACTIONS.publish,
        campaignId,
        actor: o.actor,
        at: o.at,
        data: { version, tally: signed.tally, serverSig: signed.serverSig },
      });
      await tx
        .insertInto('publications')
        .values({
          campaign_id: campaignId,
          version,
          tally: canonString(signed.tally),
          server_sig: signed.serverSig,
          published_at: o.at,
          published_by: o.actor,
          action_hash: logged.hash,
        })
        .execute();
      return { version, logged };
    }),
  );
}

/** 撤回公示: the office took the publication `version` down, with its reason. */
export interface Withdrawal {
  version: number;
  reason: string;
  withdrawnAt: string;
  withdrawnBy: string;
  actionHash: string;
}

/** The campaign's latest withdrawal (from its `withdraw-publication` office actions), or null. */
export async function latestWithdrawal(db: OfficeDb, campaignId: string): Promise<Withdrawal | null> {
  const row = await db
    .selectFrom('office_actions')
    .select(['canon', 'hash', 'at', 'actor'])
    .where('campaign_id', '=', campaignId)
    .where('action', '=', OFFICE_ACTIONS.withdrawPublication)
    .orderBy('log_idx', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const data = (JSON.parse(row.canon) as { data: { version: number; reason: string } }).data;
  return { version: data.version, reason: data.reason, withdrawnAt: row.at, withdrawnBy: row.actor, actionHash: row.hash };
}

/**
 * What the public sees of a campaign: its latest publication, unless that publication was withdrawn
 * (then `publication` is null and `withdrawn` says when). A new publication after a withdrawal is
 * public again: withdrawals name the version they took down.
 */
export async function publicState(
  db: OfficeDb,
  campaignId: string,
): Promise<{ latest: Publication | null; publication: Publication | null; withdrawn: Withdrawal | null }> {
  const latest = await latestPublication(db, campaignId);
  const w = latest ? await latestWithdrawal(db, campaignId) : null;
  const withdrawn = latest && w?.version === latest.version ? w : null;
  return { latest, publication: withdrawn ? null : latest, withdrawn };
}

/**
 * Withdraws the publication in force (撤回公示) and logs the office action `withdraw-publication`
 * `{ version, reason }` in the same transaction. Null when nothing is in force (never published, or
 * the latest publication already withdrawn): nothing is logged.
 */
export async function withdrawPublication(
  store: Store,
  campaignId: string,
  o: { reason: string; actor: string; at: string },
): Promise<{ version: number; logged: LoggedAction } | null> {
  return store.officeTx(async (otx) => {
    const tx = otx.db.withTables<OfficeTables>();
    await lockCampaign(otx.db, store.dialect, campaignId);
    const { publication } = await publicState(tx, campaignId);
    if (!publication) return null;
    const logged = await otx.appendAction({
      action: OFFICE_ACTIONS.withdrawPublication,
      campaignId,
      actor: o.actor,
      at: o.at,
      data: { version: publication.version, reason: o.reason },
    });
    return { version: publication.version, logged };
  });
}
