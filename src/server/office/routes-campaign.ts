import type { FastifyInstance } from 'fastify';
import { completionFigure, fillFromRectificationSchema, ManualReasonSchema, parseManualScores, type ManualScores } from '../../domain/scoring';
import { pointer } from '../../domain/validate';
import type { PingyiRecord } from '../../domain/records';
import { ApiError } from '../http/errors';
import type { ServerSigner } from '../secrets';
import type { Store } from '../store/types';
import type { Tx } from '../store/schema';
import { actorName, OFFICE_ADMIN, type OfficeAuth } from './auth';
import { currentManualScores, manualScoresHistory, manualScoresNote, manualScoresOrNone, putManualScores, type FromRectification } from './manual-scores';
import { listItems } from './rectification';
import { readTallyInputs, tallyOf, type AggregateCache } from './tally-snapshot';
import type { OfficeDb } from './tables';
import type { Findings, ManualScoresAnswer, SignedTally } from '../../protocol/office-api';
import { yearsOf } from './years';

export interface CampaignRouteDeps {
  store: Store;
  db: OfficeDb;
  signer: ServerSigner;
  auth: OfficeAuth;
  now: () => number;
  tallyCache: AggregateCache;
}

const iso = (ms: number) => new Date(ms).toISOString();

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The office's reason for manual figures: 400 malformed at /reason when it is not one. */
function parseReason(v: unknown): string {
  const r = ManualReasonSchema.safeParse(v);
  if (r.success) return r.data;
  throw new ApiError('malformed', `/reason: ${typeof v === 'string' ? r.error.issues[0]!.message : 'a reason is a string'}; nothing was saved.`, {
    path: '/reason',
  });
}

function notFound(id: string): never {
  throw new ApiError('not-found', `There is no campaign "${id}".`);
}

/** Per-campaign office routes: the signed tally, manual scores, data quality and findings. */
export function campaignRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };

  app.get('/api/v1/admin/campaigns/:id/tally', admin, async (req) => {
    const { id } = req.params as { id: string };
    const inputs = await readTallyInputs(d.db, id, d.tallyCache);
    if (!inputs) notFound(id);
    const computedAt = iso(d.now());
    const tally = tallyOf(inputs, computedAt);
    // Beside the signed tally, not in it: last years' results, for the office to act on.
    const years = await yearsOf(d.db, inputs, tally, computedAt, d.tallyCache);
    return { tally, serverSig: d.signer.sign(tally), ...(years ? { years } : {}) } satisfies SignedTally;
  });

  app.get('/api/v1/admin/campaigns/:id/manual-scores', admin, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await d.store.getCampaign(id))) notFound(id);
    const current = await currentManualScores(d.db, id);
    return {
      ...manualScoresOrNone(current),
      version: current?.version ?? 0,
      setAt: current?.setAt ?? null,
      setBy: current?.setBy ?? null,
      ...(current ? await manualScoresNote(d.db, id, current.version) : {}),
    } satisfies ManualScoresAnswer;
  });

  app.get('/api/v1/admin/campaigns/:id/manual-scores/history', admin, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await d.store.getCampaign(id))) notFound(id);
    return { versions: await manualScoresHistory(d.db, id) };
  });

  app.put('/api/v1/admin/campaigns/:id/manual-scores', admin, async (req) => {
    const { id } = req.params as { id: string };
    const campaign = await d.store.getCampaign(id);
    if (!campaign) notFound(id);
    // `reason` (optional on this route, for the scripts written before it) is the office's, logged with the figures.
    const { reason: rawReason, ...figures } = isPlainObject(req.body) ? req.body : { scores: req.body };
    const reason = rawReason === undefined ? undefined : parseReason(rawReason);
    const parsed = parseManualScores(campaign, isPlainObject(req.body) ? figures : req.body);
    if (!parsed.ok) throw new ApiError('malformed', `${parsed.path}: ${parsed.message}`, { path: parsed.path });
    const setAt = iso(d.now());
    const change = { value: parsed.value, ...(reason !== undefined ? { reason } : {}) };
    const { version } = await putManualScores(d.store, id, change, actorName(d.auth.principalOf(req)), setAt);
    return { ...parsed.value, version, setAt, ...(reason !== undefined ? { reason } : {}) } satisfies ManualScoresAnswer;
  });

  // A manual part filled from the units' 整改 completion rates as they stand, with the office's reason.
  app.post('/api/v1/admin/campaigns/:id/manual-scores/from-rectification', admin, async (req) => {
    const { id } = req.params as { id: string };
    const campaign = await d.store.getCampaign(id);
    if (!campaign) notFound(id);
    const r = fillFromRectificationSchema(campaign).safeParse(req.body);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const path = pointer(issue.path);
      throw new ApiError('malformed', `${path || 'the body'}: ${issue.message}; nothing was filled.`, { path });
    }
    const { part, units, reason } = r.data;
    const nowMs = d.now();
    const setAt = iso(nowMs);
    const fill = async (tx: Tx, current: ManualScores) => {
      const counts = new Map((await listItems(tx, id, nowMs)).units.map((u) => [u.unitId, u]));
      const filled: FromRectification = { part, units: {} };
      const scores = { ...current.scores };
      units.forEach((unitId, i) => {
        const c = counts.get(unitId);
        if (!c || c.total === 0)
          throw new ApiError('invalid-decision', `Unit "${unitId}" has no rectification item: it has no completion rate to fill from; nothing was filled.`, {
            path: `/units/${i}`,
          });
        const done = c.verified + c.closed;
        const value = completionFigure(done, c.total);
        filled.units[unitId] = { done, total: c.total, value };
        scores[unitId] = { ...scores[unitId], [part]: value };
      });
      return { value: { scores, bonusRanking: current.bonusRanking }, fromRectification: filled };
    };
    const out = await putManualScores(d.store, id, { value: fill, reason }, actorName(d.auth.principalOf(req)), setAt);
    return { ...out.value, version: out.version, setAt, reason, fromRectification: out.fromRectification! } satisfies ManualScoresAnswer;
  });

  app.get('/api/v1/admin/campaigns/:id/findings', admin, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await d.store.getCampaign(id))) notFound(id);
    const rows = await d.db
      .selectFrom('records')
      .select(['hash', 'received_at', 'canon', 'type', 'target_id'])
      .where('campaign_id', '=', id)
      .where('type', 'in', ['visit', 'amend', 'void'])
      .orderBy('log_idx')
      .execute();
    type Item = { hash: string; receivedAt: string; record: PingyiRecord };
    const item = (r: (typeof rows)[number]): Item => ({ hash: r.hash, receivedAt: r.received_at, record: JSON.parse(r.canon) as PingyiRecord });
    const findings = new Map<string, Item & { amendments: Item[]; voided: Item | null }>();
    for (const r of rows) {
      if (r.type === 'visit') {
        const it = item(r);
        findings.set(it.record.id, { ...it, amendments: [], voided: null });
        continue;
      }
      const f = r.target_id ? findings.get(r.target_id) : undefined;
      if (!f) continue; // a correction of another type of record
      if (r.type === 'amend') f.amendments.push(item(r));
      else f.voided = item(r);
    }
    // Sealed parts stay ciphertext: the office opens them in the console with its private key.
    return { campaignId: id, findings: [...findings.values()] } satisfies Findings;
  });
}
