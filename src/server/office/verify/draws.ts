import { drawPicks, drawRosterHash } from '../../../domain/draw';
import { applyRosterChange, type LoggedPerson, type RosterChange } from '../../../domain/roster';
import { canonString } from '../../../protocol/canon';
import { OFFICE_ACTIONS } from '../../../protocol/office-action';
import { note, type CheckResult, type ReadState } from './state';

/** One draw of the export, recomputed. */
export interface DrawCheck {
  logIdx: number;
  campaignId: string;
  drawId: string;
  seed: string;
  at: string;
  actor: string;
  picked: Record<string, string[]>;
  recomputed: Record<string, string[]>;
  ok: boolean;
  problems: string[];
}

const isChange = (d: Record<string, unknown>): d is Record<string, unknown> & RosterChange => Array.isArray(d.changed) && Array.isArray(d.removed);

/**
 * Every draw action of the export recomputed (PROTOCOL.md "Representatives"): the roster is
 * rebuilt by replaying the campaign's `roster` actions in log order up to the draw, and the draw
 * rule is applied to it with the logged seed and strata; the picks must equal the logged ones.
 */
export function recomputeDraws(s: Pick<ReadState, 'actions'>): DrawCheck[] {
  const rosters = new Map<string, Map<string, LoggedPerson>>();
  const out: DrawCheck[] = [];
  for (const { logIdx, action } of [...s.actions].sort((a, b) => a.logIdx - b.logIdx)) {
    const campaignId = typeof action.campaignId === 'string' ? action.campaignId : '';
    const data = (action.data ?? {}) as Record<string, unknown>;
    if (!rosters.has(campaignId)) rosters.set(campaignId, new Map());
    const roster = rosters.get(campaignId)!;
    if (action.action === OFFICE_ACTIONS.roster && isChange(data)) applyRosterChange(roster, data);
    if (action.action !== OFFICE_ACTIONS.draw) continue;
    const problems: string[] = [];
    const seed = String(data.seed);
    const strata = (data.strata ?? {}) as Record<string, number>;
    const picked = (data.picked ?? {}) as Record<string, string[]>;
    const people = [...roster.values()];
    const recomputed = drawPicks(people, seed, strata);
    if (canonString(recomputed) !== canonString(picked)) note(problems, `the logged picks differ from the draw recomputed on the roster as logged before it`);
    if (data.rosterHash !== drawRosterHash(people)) note(problems, `the roster it names (${String(data.rosterHash)}) is not the roster the log rebuilds`);
    out.push({
      logIdx,
      campaignId,
      drawId: String(data.drawId),
      seed,
      at: String(action.at),
      actor: String(action.actor),
      picked,
      recomputed,
      ok: problems.length === 0,
      problems,
    });
  }
  return out;
}

/** The draws as one check of the verifier. */
export function checkDraws(s: Pick<ReadState, 'actions'>): CheckResult {
  const draws = recomputeDraws(s);
  const problems: string[] = [];
  for (const d of draws) for (const p of d.problems) note(problems, `draw ${d.drawId} (leaf ${d.logIdx}): ${p}`);
  const detail = draws.length === 0 ? 'no draw in the export' : `${draws.length} draw(s) recomputed from the logged roster and seed`;
  return { name: 'draws', ok: problems.length === 0, detail, problems };
}
