import type { Campaign } from '../../../domain/campaign';
import { compareTallies, computeTally, parseManualScores, type Tally } from '../../../domain/scoring';
import { H, toHex } from '../../../protocol/canon';
import { importPublicKey, parsePublicJwk, verifyCanon } from '../../../protocol/keys';
import { limitsAtArrival, replayDecisions, reviewedCounts, stateBelow, type LoggedLine } from './decisions';
import { note, type ReadState } from './state';

/**
 * Replays each publication (公示) the export's office actions log: the published tally is the
 * server's (its signature), of this campaign, computed before it was published (its log size is at
 * most the action's leaf) over the log as it then stood (the root of the first logSize leaves), and
 * — when the export carries the campaign version it used — it follows from the records and the
 * office's decisions below that log size, recomputed here.
 */
export async function checkPublications(s: ReadState, campaign: Campaign, published: { tally: Tally; serverSig: string; at: LoggedLine }[], p: string[]) {
  if (published.length === 0) return;
  const jwk = s.serverKey ? parsePublicJwk('Ed25519', s.serverKey.jwk) : null;
  const key = jwk ? await importPublicKey('Ed25519', jwk) : null;
  const campaignHash = await H(s.campaign);
  for (const { tally, serverSig, at } of published) {
    const where = `the publication at leaf ${at.logIdx} (by ${at.action.actor} at ${at.action.at})`;
    if (!key || !(await verifyCanon('Ed25519', key, serverSig, tally)))
      note(p, `${where}: the published tally's signature does not verify with the server key`);
    if (tally.campaignId !== s.header?.campaignId) note(p, `${where}: publishes a tally of campaign ${String(tally.campaignId)}`);
    const size = tally.logSize;
    if (!Number.isSafeInteger(size) || size < 0 || size > at.logIdx) {
      note(p, `${where}: its tally names log size ${String(size)}, not a size the log had before the publication`);
      continue;
    }
    const leaves = s.leaves.root(size);
    if (leaves) {
      const root = toHex(leaves);
      if (root !== tally.logRoot)
        note(p, `${where}: the root of the first ${size} leaves is ${root.slice(0, 16)}…, not the published ${String(tally.logRoot).slice(0, 16)}…`);
    }
    if (tally.campaignHash !== campaignHash) continue; // another version of the campaign: the export cannot recompute it
    const below = stateBelow(s, size);
    const { decisions } = replayDecisions(below, []);
    const manual = parseManualScores(campaign, decisions.manual?.value ?? { scores: {}, bonusRanking: [] });
    if (!manual.ok) {
      note(p, `${where}: the manual scores logged before it are not valid for the campaign`);
      continue;
    }
    const { aggregate, counts } = reviewedCounts(below, await limitsAtArrival(below, campaign), []);
    const meta = {
      campaignVersion: tally.campaignVersion,
      campaignHash: tally.campaignHash,
      computedAt: tally.computedAt,
      logSize: size,
      logRoot: tally.logRoot,
    };
    const replayed = computeTally(campaign, aggregate, manual.value, meta, decisions.vetoes, counts);
    for (const d of compareTallies(replayed, tally, 1e-9, 5))
      note(p, `${where}: the published tally does not follow from the records and decisions below log size ${size}: tally${d}`);
  }
}
