import { CampaignSchema, type Campaign } from '../../../domain/campaign';
import { OPINION_TAGS } from '../../../domain/opinions';
import { campaignLimits, replayReview, type Limits, type LimitsOf, type ReplayedDecision } from '../../../domain/review';
import { compareTallies, completionFigure, computeTally, parseManualScores, reviewedAggregate, type ManualScores, type Tally } from '../../../domain/scoring';
import { canonString, H } from '../../../protocol/canon';
import { OFFICE_ACTIONS, OfficeActionSchema, type OfficeAction } from '../../../protocol/office-action';
import { effectiveFolded } from './answers';
import { checkPublications } from './publications';
import { note, type CheckResult, type ReadState } from './state';

/** Where a decision was logged, for the messages: "leaf 12 (manual-scores by li at …)". */
const where = (a: LoggedLine) => `leaf ${a.logIdx} (${a.action.action} by ${a.action.actor} at ${a.action.at})`;

export interface LoggedLine {
  logIdx: number;
  action: OfficeAction;
}

/**
 * What the replayed decisions add up to, action by action in log order. Each replay folds one kind
 * of action into it; the tally is then recomputed from the records and these decisions.
 */
export interface Decisions {
  /** The last logged manual scores (undefined: none logged). */
  manual?: { value: ManualScores; at: LoggedLine };
  /** The vetoes in force after every logged change (imposed and lifted). */
  vetoes: Record<string, string>;
  vetoesAt?: LoggedLine;
  /** The last logged campaign version. */
  campaign?: { version: number; hash: string; at: LoggedLine };
  /** The 甄别 in force per opinion ref after every logged `opinion-tags` (they change no score). */
  tags: Map<string, { tags: string[]; note: string | null; at: LoggedLine }>;
  /** Every tally the office published (公示), as logged: checked by checkPublications; `withdrawn` where a later 撤回公示 took it down. */
  publications: { version: number; tally: Tally; serverSig: string; at: LoggedLine; withdrawn?: LoggedLine }[];
  /** Rectification items rebuilt from their actions: unit, closed, answers, by item id. */
  rect: Map<string, RebuiltItem>;
}

/** An item as its actions leave it: what a 公示 of closed items must match. */
export interface RebuiltItem {
  unitId: string;
  problem: unknown;
  measures: unknown;
  closed: boolean;
  closedAt?: string;
  closeReason?: unknown;
  answers: number;
}

/** What a published closed item may say (PROTOCOL.md "Rectification"): nothing about who complained or answered. */
const PUBLISHED_KEYS = new Set(['id', 'unitId', 'unitName', 'problem', 'measures', 'closedAt', 'closeReason']);

/**
 * The replay of each kind of office action. EXTENSION POINT: a new kind of decision that changes
 * the tally (review decisions, publications…) adds its replay here, a field to Decisions, and uses
 * it in `checkDecisions` below (the tally recomputation and the comparison with the export's line).
 */
const REPLAYS: Record<string, (d: Decisions, a: LoggedLine, problems: string[]) => void> = {
  [OFFICE_ACTIONS.manualScores](d, a, problems) {
    const data = a.action.data as { scores?: unknown; bonusRanking?: unknown; reason?: unknown; fromRectification?: unknown };
    d.manual = { value: { scores: (data.scores ?? {}) as ManualScores['scores'], bonusRanking: (data.bonusRanking ?? []) as string[] }, at: a };
    if (data.reason !== undefined && (typeof data.reason !== 'string' || data.reason.trim() === '')) note(problems, `${where(a)}: a reason that is not one`);
    if (data.fromRectification !== undefined) checkFill(d, a, data.fromRectification, problems);
  },
  [OFFICE_ACTIONS.vetoes](d, a, problems) {
    const data = a.action.data as { imposed?: Record<string, string>; lifted?: string[] };
    if (typeof data.imposed !== 'object' || data.imposed === null || !Array.isArray(data.lifted)) return note(problems, `${where(a)}: not a change of vetoes`);
    for (const u of data.lifted) delete d.vetoes[u];
    Object.assign(d.vetoes, data.imposed);
    d.vetoesAt = a;
  },
  [OFFICE_ACTIONS.opinionTags](d, a, problems) {
    const data = a.action.data as { refs?: unknown; tags?: unknown; note?: unknown };
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (!strings(data.refs) || !strings(data.tags) || !data.tags.every((t) => (OPINION_TAGS as readonly string[]).includes(t)))
      return note(problems, `${where(a)}: not a setting of opinion tags`);
    const n = typeof data.note === 'string' ? data.note : null;
    for (const ref of data.refs) {
      if (data.tags.length === 0 && n === null) d.tags.delete(ref);
      else d.tags.set(ref, { tags: data.tags, note: n, at: a });
    }
  },
  [OFFICE_ACTIONS.rectificationCreated](d, a, problems) {
    const item = (a.action.data as { item?: { id?: unknown; unitId?: unknown; problem?: unknown; measures?: unknown } }).item;
    if (typeof item?.id !== 'string' || typeof item.unitId !== 'string') return note(problems, `${where(a)}: not a rectification item`);
    if (d.rect.has(item.id)) return note(problems, `${where(a)}: item ${item.id} was already created`);
    d.rect.set(item.id, { unitId: item.unitId, problem: item.problem, measures: item.measures, closed: false, answers: 0 });
  },
  [OFFICE_ACTIONS.rectificationChanged](d, a, problems) {
    const data = a.action.data as { id?: unknown; change?: { unitId?: unknown; problem?: unknown; measures?: unknown } };
    const item = openItem(d, a, data.id, problems);
    if (item && data.change?.unitId !== undefined) note(problems, `${where(a)}: a change may not move item ${String(data.id)} to another unit`);
    if (item && data.change?.problem !== undefined) item.problem = data.change.problem;
    if (item && data.change?.measures !== undefined) item.measures = data.change.measures;
  },
  [OFFICE_ACTIONS.rectificationClosed](d, a, problems) {
    const data = a.action.data as { id?: unknown; reason?: unknown };
    const item = openItem(d, a, data.id, problems);
    if (item) Object.assign(item, { closed: true, closedAt: a.action.at, closeReason: data.reason });
  },
  // A 公示 of closed items publishes each as the log left it: closed, with its unit, problem, measures, time and reason.
  [OFFICE_ACTIONS.rectificationsPublished](d, a, problems) {
    const items = (a.action.data as { items?: unknown }).items;
    if (!Array.isArray(items)) return note(problems, `${where(a)}: not a publication of closed items`);
    for (const p of items as Record<string, unknown>[]) {
      const item = typeof p?.id === 'string' ? d.rect.get(p.id) : undefined;
      if (!item?.closed) {
        note(problems, `${where(a)}: publishes item ${String(p?.id)}, which no earlier action closed`);
        continue;
      }
      const extra = Object.keys(p).filter((k) => !PUBLISHED_KEYS.has(k));
      if (extra.length) note(problems, `${where(a)}: item ${String(p.id)} publishes ${extra.join(', ')}, which a 公示 never holds`);
      const wanted = { unitId: item.unitId, problem: item.problem, measures: item.measures, closedAt: item.closedAt, closeReason: item.closeReason };
      const shown = { unitId: p.unitId, problem: p.problem, measures: p.measures, closedAt: p.closedAt, closeReason: p.closeReason };
      if (!same(wanted, shown)) note(problems, `${where(a)}: item ${String(p.id)} is published otherwise than its actions left it`);
    }
  },
  [OFFICE_ACTIONS.rectificationAnswered](d, a, problems) {
    const answer = (a.action.data as { answer?: { itemId?: unknown } }).answer;
    const item = openItem(d, a, answer?.itemId, problems);
    if (item) item.answers++;
  },
  [OFFICE_ACTIONS.campaignVersion](d, a) {
    const data = a.action.data as { version?: number; hash?: string };
    d.campaign = { version: Number(data.version), hash: String(data.hash), at: a };
  },
  [OFFICE_ACTIONS.publish](d, a, problems) {
    const data = a.action.data as { version?: unknown; tally?: unknown; serverSig?: unknown };
    const t = data.tally as Partial<Tally> | undefined;
    if (!t || typeof t !== 'object' || !Array.isArray(t.units) || typeof data.serverSig !== 'string') return note(problems, `${where(a)}: not a publication`);
    const version = d.publications.length + 1;
    if (data.version !== version) note(problems, `${where(a)}: publishes version ${String(data.version)}, but it is publication ${version} of the campaign`);
    d.publications.push({ version, tally: t as Tally, serverSig: data.serverSig, at: a });
  },
  [OFFICE_ACTIONS.withdrawPublication](d, a, problems) {
    const data = a.action.data as { version?: unknown; reason?: unknown };
    if (typeof data.reason !== 'string' || data.reason.trim() === '') note(problems, `${where(a)}: a withdrawal without a reason`);
    const last = d.publications.at(-1);
    if (!last) return note(problems, `${where(a)}: withdraws publication ${String(data.version)}, but nothing was published before it`);
    if (last.withdrawn)
      return note(
        problems,
        `${where(a)}: withdraws publication ${String(data.version)}, but the latest (${last.version}) was already withdrawn at leaf ${last.withdrawn.logIdx}`,
      );
    if (data.version !== last.version)
      return note(problems, `${where(a)}: withdraws publication ${String(data.version)}, but the one in force is ${last.version}`);
    last.withdrawn = a;
  },
};

/**
 * The decisions the office actions add up to, replayed in log order; `below` keeps to the actions
 * logged before that log size (what a tally computed at that size could apply).
 */
export function replayDecisions(s: ReadState, problems: string[], below = Infinity): { decisions: Decisions; lines: LoggedLine[]; kinds: Map<string, number> } {
  const campaignId = s.header?.campaignId;
  const decisions: Decisions = { vetoes: {}, tags: new Map(), publications: [], rect: new Map() };
  const lines: LoggedLine[] = [];
  const kinds = new Map<string, number>();
  for (const line of [...s.actions].sort((a, b) => a.logIdx - b.logIdx)) {
    if (line.logIdx >= below) break;
    const parsed = OfficeActionSchema.safeParse(line.action);
    if (!parsed.success) {
      note(problems, `leaf ${line.logIdx}: not an office action`);
      continue;
    }
    const a = { logIdx: line.logIdx, action: parsed.data };
    lines.push(a);
    if (a.action.campaignId !== undefined && a.action.campaignId !== campaignId) note(problems, `${where(a)} belongs to campaign ${a.action.campaignId}`);
    kinds.set(a.action.action, (kinds.get(a.action.action) ?? 0) + 1);
    REPLAYS[a.action.action]?.(decisions, a, problems);
  }
  return { decisions, lines, kinds };
}

/** The export as it stood at a log size: its questionnaires, corrections and office actions below it. */
export function stateBelow(s: ReadState, size: number): ReadState {
  return {
    ...s,
    below: Math.min(s.below, size),
    f2fs: s.f2fs.filter((f) => (f.logIdx ?? Infinity) < size),
    actions: s.actions.filter((a) => a.logIdx < size),
  };
}

const same = (x: unknown, y: unknown) => canonString(x) === canonString(y);

/**
 * A manual part filled from the 整改 completion rates (PROTOCOL.md "Office side"): each unit's
 * figure is 100 × done / total as logged, the one the action's scores hold; `total` is the number of
 * items the log created for the unit before it, and `done` lies between the items closed before it
 * and that total (the items verified by a 回头看 are the records', not the actions').
 */
function checkFill(d: Decisions, a: LoggedLine, fill: unknown, problems: string[]) {
  const f = fill as { part?: unknown; units?: unknown; reason?: unknown };
  const data = a.action.data as { reason?: unknown; scores?: Record<string, Record<string, unknown>> };
  if (typeof f?.part !== 'string' || typeof f.units !== 'object' || f.units === null)
    return note(problems, `${where(a)}: not a fill from the completion rates`);
  if (typeof data.reason !== 'string') note(problems, `${where(a)}: a fill from the completion rates without a reason`);
  for (const [unitId, u] of Object.entries(f.units as Record<string, { done?: unknown; total?: unknown; value?: unknown }>)) {
    const items = [...d.rect.values()].filter((i) => i.unitId === unitId);
    const closed = items.filter((i) => i.closed).length;
    const { done, total, value } = u ?? {};
    if (typeof done !== 'number' || typeof total !== 'number' || total !== items.length || done < closed || done > total)
      note(
        problems,
        `${where(a)}: unit ${unitId}'s completion (${String(done)} of ${String(total)}) is not what the log holds (${items.length} items, ${closed} closed)`,
      );
    else if (value !== completionFigure(done, total) || data.scores?.[unitId]?.[f.part] !== value)
      note(problems, `${where(a)}: unit ${unitId}'s ${f.part} is not 100 × ${done} / ${total}`);
  }
}

/** The item an action changes, closes or answers: created earlier in the log and not closed. */
function openItem(d: Decisions, a: LoggedLine, id: unknown, problems: string[]) {
  const item = typeof id === 'string' ? d.rect.get(id) : undefined;
  if (!item) note(problems, `${where(a)}: names rectification item ${String(id)}, which no earlier action created`);
  else if (item.closed) note(problems, `${where(a)}: item ${String(id)} was closed before`);
  return item && !item.closed ? item : undefined;
}

/**
 * The review decisions of the export's campaign in log order (PROTOCOL.md "Held questionnaires and
 * the office's review"), with `problems` for a review-decision action that is not of its shape.
 */
export function reviewDecisions(s: ReadState, problems: string[] = []): ReplayedDecision[] {
  const out: ReplayedDecision[] = [];
  for (const line of [...s.actions].sort((a, b) => a.logIdx - b.logIdx)) {
    const a = line.action as Partial<OfficeAction>;
    if (a.action !== OFFICE_ACTIONS.reviewDecision || a.campaignId !== s.header?.campaignId) continue;
    const data = (a.data ?? {}) as { decision?: unknown; hashes?: unknown };
    const label = `leaf ${line.logIdx} (review-decision by ${String(a.actor)} at ${String(a.at)})`;
    if ((data.decision !== 'accept' && data.decision !== 'exclude') || !Array.isArray(data.hashes) || !data.hashes.every((h) => typeof h === 'string')) {
      note(problems, `${label}: not a review decision`);
      continue;
    }
    out.push({ decision: data.decision, hashes: data.hashes as string[], label });
  }
  return out;
}

/**
 * The limits each f2f was judged by at ingest: those of the campaign version in force when it
 * arrived, that is of the last `campaign-version` action of the campaign logged before its leaf
 * (version 1 before any: a store's first version is not always logged — the demo campaign's
 * version 1 was not, in stores made before the server logged it). An earlier version the export
 * carries must hash to what its action logged. A version that judged questionnaires but is not
 * carried, or does not match, is a problem, and its questionnaires
 * are replayed with the current version's limits (as for an export written before it carried them).
 */
export async function limitsAtArrival(s: ReadState, current: Campaign, problems: string[] = []): Promise<LimitsOf> {
  const currentVersion = current.version ?? 1;
  if (s.earlierCampaigns === undefined) return campaignLimits(current);
  const logged = s.actions
    .filter((a) => a.action.action === OFFICE_ACTIONS.campaignVersion && a.action.campaignId === current.id)
    .map((a) => ({ logIdx: a.logIdx, ...(a.action.data as { version?: unknown; hash?: unknown }) }))
    .sort((a, b) => a.logIdx - b.logIdx);
  const hashOf = new Map(logged.map((a) => [Number(a.version), String(a.hash)]));
  const limits = new Map<number, Limits>([[currentVersion, campaignLimits(current)]]);
  for (const definition of s.earlierCampaigns) {
    const parsed = CampaignSchema.safeParse(definition);
    const version = parsed.success ? (parsed.data.version ?? 1) : NaN;
    if (!parsed.success || parsed.data.id !== current.id || version >= currentVersion) {
      note(problems, `campaign: an earlier version the export carries is not a valid earlier version of campaign ${current.id}`);
      continue;
    }
    const hash = hashOf.get(version);
    if (hash !== undefined && hash !== (await H(definition)))
      note(problems, `campaign: the export's version ${version} is not the one its campaign-version action logged`);
    else limits.set(version, campaignLimits(parsed.data));
  }
  const missing = new Set<number>();
  const fallback = campaignLimits(current);
  return (f) => {
    // The last version logged before the questionnaire's leaf (binary search).
    let lo = 0;
    let hi = logged.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (logged[mid]!.logIdx < (f.logIdx ?? Infinity)) lo = mid + 1;
      else hi = mid;
    }
    const version = lo === 0 ? 1 : Number(logged[lo - 1]!.version);
    const found = limits.get(version);
    if (found) return found;
    if (!missing.has(version)) {
      missing.add(version);
      note(
        problems,
        `campaign: questionnaires arrived under version ${version}, whose limits the export does not carry; they are replayed with version ${currentVersion}'s`,
      );
    }
    return fallback;
  };
}

/** The aggregate and per-unit counts of the export's questionnaires with the holds replayed and the review decisions applied. */
export function reviewedCounts(s: ReadState, limits: LimitsOf, problems: string[] = []) {
  const review = replayReview(limits, s.f2fs, reviewDecisions(s, problems), (h) => s.f2fIdByHash.get(h));
  for (const problem of review.problems) note(problems, problem);
  return reviewedAggregate(effectiveFolded(s.answers, s.below), (id) => review.states.get(id)?.state);
}

/**
 * Replays the office actions the export carries, in log order, and checks that what the export and
 * its signed tally say the office decided is what the log holds: the manual scores, the vetoes and
 * the campaign version; then recomputes the tally with the replayed decisions. Each decision that
 * does not match is named with its leaf.
 */
export async function checkDecisions(s: ReadState): Promise<CheckResult> {
  const p: string[] = [];
  const { decisions, lines, kinds } = replayDecisions(s, p);

  const manualLine = { scores: s.manual?.scores ?? {}, bonusRanking: s.manual?.bonusRanking ?? [] };
  const manual = decisions.manual?.value ?? { scores: {}, bonusRanking: [] };
  if (!same(manual, manualLine)) {
    note(
      p,
      decisions.manual
        ? `manual scores: the export's figures are not those logged at ${where(decisions.manual.at)}`
        : 'manual scores: the export holds figures that no logged decision entered',
    );
  }
  if (!same(decisions.vetoes, s.vetoes?.vetoes ?? {})) {
    note(
      p,
      decisions.vetoesAt
        ? `vetoes: the export's vetoes are not those in force after ${where(decisions.vetoesAt)}`
        : 'vetoes: the export holds vetoes that no logged decision imposed',
    );
  }
  const campaign = CampaignSchema.safeParse(s.campaign);
  if (decisions.campaign && campaign.success) {
    const hash = await H(s.campaign);
    if (decisions.campaign.hash !== hash || decisions.campaign.version !== campaign.data.version) {
      note(
        p,
        `campaign: the exported definition (version ${campaign.data.version}) is not the version logged at ${where(decisions.campaign.at)} (version ${decisions.campaign.version})`,
      );
    }
  }

  // The tally as the logged decisions make it.
  const signed = s.tally?.tally as unknown as Tally | undefined;
  if (signed && campaign.success) {
    const checked = parseManualScores(campaign.data, manual);
    if (!checked.ok)
      note(
        p,
        `manual scores logged${decisions.manual ? ` at ${where(decisions.manual.at)}` : ''} are not valid for the campaign: ${checked.path} ${checked.message}`,
      );
    else {
      const meta = {
        campaignVersion: signed.campaignVersion,
        campaignHash: signed.campaignHash,
        computedAt: signed.computedAt,
        logSize: signed.logSize,
        logRoot: signed.logRoot,
      };
      const { aggregate, counts } = reviewedCounts(s, await limitsAtArrival(s, campaign.data, p), p);
      const replayed = computeTally(campaign.data, aggregate, checked.value, meta, decisions.vetoes, counts);
      for (const d of compareTallies(replayed, signed, 1e-9, 5)) note(p, `the signed tally does not follow from the logged decisions: tally${d}`);
    }
  }
  if (campaign.success) await checkPublications(s, campaign.data, decisions.publications, p);
  const summary = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
  const last = decisions.publications.at(-1);
  const inForce = !last ? '' : last.withdrawn ? `; publication ${last.version} withdrawn, nothing public` : `; publication ${last.version} public`;
  return {
    name: 'office decisions',
    ok: p.length === 0,
    detail: `${lines.length} office actions replayed${summary ? ` (${summary})` : ''}${inForce}`,
    problems: p,
  };
}
