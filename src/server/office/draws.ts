import type { Campaign } from '../../domain/campaign';
import { drawPicks, drawRosterHash, drawShortfalls, type DrawRequest } from '../../domain/draw';
import { uuidv7 } from '../../domain/ids';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import type { DrawRecord } from '../../protocol/representatives-api';
import { ApiError } from '../http/errors';
import type { StoreDialect } from '../store/migrations/kit';
import type { OfficeTx } from '../store/office-tx';
import { lockCampaign, readRoster, type RepresentativeDb, type RepresentativeTables } from './roster';

/**
 * Makes a draw (PROTOCOL.md "Representatives"): the picks of src/domain/draw.ts on the roster in
 * force, stored and logged as the office action `draw` in one transaction. A group that is not the
 * campaign's, or that has fewer approved people than asked, is 422 `invalid-draw` and draws nothing.
 */
export async function makeDraw(
  tx: OfficeTx,
  campaign: Pick<Campaign, 'id' | 'raterGroups'>,
  req: DrawRequest,
  actor: string,
  now: number,
  dialect: StoreDialect,
): Promise<DrawRecord> {
  const groups = new Set(campaign.raterGroups.map((g) => g.id));
  const unknown = Object.keys(req.strata).filter((g) => !groups.has(g));
  if (unknown.length > 0) throw new ApiError('invalid-draw', `"${unknown[0]}" is not a rater group of the campaign.`, { path: `/strata/${unknown[0]}` });
  if (Object.values(req.strata).every((n) => n === 0))
    throw new ApiError('invalid-draw', 'The draw asks for nobody: give at least one group a number above 0.', { path: '/strata' });
  const db = tx.db.withTables<RepresentativeTables>();
  await lockCampaign(db, campaign.id, dialect);
  const people = await readRoster(db, campaign.id);
  const short = Object.entries(drawShortfalls(people, req.strata));
  if (short.length > 0) {
    const [group, have] = short[0]!;
    throw new ApiError(
      'invalid-draw',
      `Group "${group}" has ${have} approved people, fewer than the ${req.strata[group]} asked; approve more or ask for fewer.`,
      {
        path: `/strata/${group}`,
        approved: have,
      },
    );
  }
  const picked = drawPicks(people, req.seed, req.strata);
  const drawId = uuidv7(now);
  const at = new Date(now).toISOString();
  const rosterHash = drawRosterHash(people);
  const logged = await tx.appendAction({
    action: OFFICE_ACTIONS.draw,
    campaignId: campaign.id,
    actor,
    at,
    data: { drawId, seed: req.seed, strata: req.strata, picked, rosterHash },
  });
  await db
    .insertInto('draws')
    .values({
      draw_id: drawId,
      campaign_id: campaign.id,
      seed: req.seed,
      strata: JSON.stringify(req.strata),
      picked: JSON.stringify(picked),
      roster_hash: rosterHash,
      at,
      actor,
      log_idx: logged.logIndex,
    })
    .execute();
  return { drawId, seed: req.seed, strata: req.strata, picked, rosterHash, at, actor, logIndex: logged.logIndex };
}

/** The campaign's draws, newest first. */
export async function listDraws(db: RepresentativeDb, campaignId: string): Promise<DrawRecord[]> {
  const rows = await db.selectFrom('draws').selectAll().where('campaign_id', '=', campaignId).orderBy('log_idx', 'desc').execute();
  return rows.map((r) => ({
    drawId: r.draw_id,
    seed: r.seed,
    strata: JSON.parse(r.strata) as Record<string, number>,
    picked: JSON.parse(r.picked) as Record<string, string[]>,
    rosterHash: r.roster_hash,
    at: r.at,
    actor: r.actor,
    logIndex: r.log_idx,
  }));
}
