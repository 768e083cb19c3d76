import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors';
import { OFFICE_ACTIONS, type NewOfficeAction } from './actions';
import type { OfficeTables } from './tables';
import { actorName, ANY_PERSON, OFFICE_ADMIN } from './auth';
import { applyDecision, LISTED_STATES, listReview, parseDecision, type DecisionEffect, type DecisionInput } from './review';
import { qualityReport } from './quality-report';
import type { CampaignRouteDeps } from './routes-campaign';

/** The office action that records a review decision: enough to replay it (the hashes it applied to). */
export function reviewAction(campaignId: string, actor: string, at: string, input: DecisionInput, effect: DecisionEffect): NewOfficeAction {
  const range = input.hashes ? {} : { range: { deviceId: input.deviceId!, fromSeq: input.fromSeq!, toSeq: input.toSeq! } };
  return {
    action: OFFICE_ACTIONS.reviewDecision,
    campaignId,
    actor,
    at,
    data: { decision: effect.decision, reason: input.reason, hashes: effect.hashes, ...range },
  };
}

function wholeNumber(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v) || n < min || n > max)
    throw new ApiError('malformed', `${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** GET/POST /api/v1/admin/campaigns/<id>/review and the data-quality report. */
export function reviewRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };
  const campaignOrThrow = async (id: string) => {
    const c = await d.store.getCampaign(id);
    if (!c) throw new ApiError('not-found', `There is no campaign "${id}".`);
    return c;
  };

  app.get('/api/v1/admin/campaigns/:id/review', admin, async (req) => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    const q = req.query as Record<string, unknown>;
    const state = q.state ?? 'held';
    if (typeof state !== 'string' || !(LISTED_STATES as readonly string[]).includes(state))
      throw new ApiError('malformed', 'state must be held, accepted or excluded.');
    if (q.deviceId !== undefined && typeof q.deviceId !== 'string') throw new ApiError('malformed', 'deviceId must be given once.');
    return listReview(d.db, {
      campaignId: id,
      state: state as (typeof LISTED_STATES)[number],
      deviceId: q.deviceId as string | undefined,
      after: wholeNumber(q.after, 'after', 0, Number.MAX_SAFE_INTEGER),
      limit: wholeNumber(q.limit, 'limit', 1, 1000) ?? 100,
    });
  });

  app.post('/api/v1/admin/campaigns/:id/review', admin, async (req) => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    const input = parseDecision(req.body);
    const actor = actorName(d.auth.principalOf(req));
    const at = new Date(d.now()).toISOString();
    // The decision and the office action recording it commit together or not at all.
    const effect = await d.store.officeTx(async (tx) => {
      const e = await applyDecision(tx.db.withTables<OfficeTables>(), id, input);
      await tx.appendAction(reviewAction(id, actor, at, input, e));
      return e;
    });
    d.tallyCache.delete(id);
    return { decided: effect.hashes.length };
  });

  app.get('/api/v1/admin/campaigns/:id/data-quality', { preHandler: d.auth.guard(ANY_PERSON) }, async (req) => {
    const { id } = req.params as { id: string };
    await campaignOrThrow(id);
    return qualityReport(d.db, id, req.query as Record<string, unknown>);
  });
}
