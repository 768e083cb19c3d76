import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/errors';
import type { ServerSigner } from '../secrets';
import type { Store } from '../store/types';
import { actorName, OFFICE_ADMIN, type OfficeAuth } from './auth';
import { publicHtml, type PublicLang } from './public-html';
import { publicState, publishTally, withdrawPublication } from './publications';
import { latestRectPublication } from './rect-publication';
import { buildReport } from './report';
import { reportHtml } from './report-html';
import { reportWorkbook } from './report-xlsx';
import type { OfficeDb } from './tables';
import { readTallyInputs, tallyOf, type AggregateCache } from './tally-snapshot';
import { yearsOf } from './years';
import { campaignVersion } from './campaign-versions';
import { CampaignSchema } from '../../domain/campaign';
import type { PublicationState, PublishAnswer, PublishedTally, WithdrawAnswer } from '../../protocol/office-api';

export interface ReportRouteDeps {
  store: Store;
  db: OfficeDb;
  signer: ServerSigner;
  auth: OfficeAuth;
  now: () => number;
  tallyCache: AggregateCache;
}

const ReportQuery = z.strictObject({ format: z.enum(['xlsx', 'html']) });
const PublicQuery = z.strictObject({ lang: z.enum(['zh-Hans', 'zh-Hant', 'en']).optional() });
/** 撤回公示 says why: 1–2,000 characters, not only spaces. */
const WithdrawBody = z.strictObject({
  reason: z
    .string()
    .max(2000)
    .refine((r) => r.trim().length > 0, 'a reason is required'),
});
const iso = (ms: number) => new Date(ms).toISOString();

function notFound(id: string): never {
  throw new ApiError('not-found', `There is no campaign "${id}".`);
}

/** The public answer is the same for an unknown campaign, an unpublished one and a withdrawn one: nothing tells them apart. */
function notPublished(): never {
  throw new ApiError('not-found', 'Nothing has been published for this campaign.');
}

/**
 * The results the office publishes (PROTOCOL.md "Results the office publishes"): the 通报 from the
 * signed tally (xlsx, or a page that prints on A4), publication as an office action, and the public
 * tally with its plain page, which need no sign-in.
 */
export function reportRoutes(app: FastifyInstance, d: ReportRouteDeps, publicRateLimit: { max: number; timeWindow: number }): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };

  /** The tally signed now, and the years beside it. */
  async function signedNow(id: string) {
    const inputs = await readTallyInputs(d.db, id, d.tallyCache);
    if (!inputs) notFound(id);
    const computedAt = iso(d.now());
    const tally = tallyOf(inputs, computedAt);
    const years = await yearsOf(d.db, inputs, tally, computedAt, d.tallyCache);
    return { inputs, tally, serverSig: d.signer.sign(tally), years };
  }

  app.get('/api/v1/admin/campaigns/:id/report', admin, async (req, reply) => {
    const { id } = req.params as { id: string };
    const q = ReportQuery.safeParse(req.query);
    if (!q.success) throw new ApiError('malformed', 'format must be xlsx or html.');
    const { inputs, tally, years } = await signedNow(id);
    const report = buildReport(inputs.campaign, tally, d.signer.keyId, years);
    const day = (report.header.computedAt ?? '').slice(0, 10);
    reply.header('cache-control', 'no-store');
    if (q.data.format === 'xlsx') {
      const name = `pingyi-${inputs.campaign.id}-report-${day}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`${inputs.campaign.name}-通报-${day}.xlsx`)}`)
        .send(await reportWorkbook(report));
    }
    return sendPage(reply, reportHtml(report));
  });

  app.post('/api/v1/admin/campaigns/:id/publish', admin, async (req) => {
    const { id } = req.params as { id: string };
    if (req.body !== undefined && req.body !== null && (typeof req.body !== 'object' || Array.isArray(req.body) || Object.keys(req.body).length > 0))
      throw new ApiError('malformed', 'publish takes no parameters: send {} or nothing.');
    const { tally, serverSig } = await signedNow(id);
    if (tally.provisional) {
      const held = tally.units.reduce((n, u) => n + (u.counts?.held ?? 0), 0);
      throw new ApiError(
        'tally-provisional',
        `${held} questionnaires are held for review: decide them before publishing, so that the public ranking is final.`,
      );
    }
    const at = iso(d.now());
    const { version, logged } = await publishTally(d.store, { tally, serverSig }, { actor: actorName(d.auth.principalOf(req)), at });
    return { version, publishedAt: at, hash: logged.hash, logIndex: logged.logIndex, tally, serverSig } satisfies PublishAnswer;
  });

  app.post('/api/v1/admin/campaigns/:id/publication/withdraw', admin, async (req) => {
    const { id } = req.params as { id: string };
    const body = WithdrawBody.safeParse(req.body);
    if (!body.success) throw new ApiError('malformed', 'withdraw takes { "reason" }: why the publication is taken down, 1 to 2,000 characters.');
    if (!(await d.store.getCampaign(id))) notFound(id);
    const at = iso(d.now());
    const done = await withdrawPublication(d.store, id, { reason: body.data.reason, actor: actorName(d.auth.principalOf(req)), at });
    if (!done) throw new ApiError('not-found', 'Nothing of this campaign is public: it was never published, or its publication is already withdrawn.');
    return { version: done.version, withdrawnAt: at, hash: done.logged.hash, logIndex: done.logged.logIndex } satisfies WithdrawAnswer;
  });

  app.get('/api/v1/admin/campaigns/:id/publication', admin, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await d.store.getCampaign(id))) notFound(id);
    const { latest: p, withdrawn: w } = await publicState(d.db, id);
    return {
      publication: p
        ? { version: p.version, publishedAt: p.publishedAt, publishedBy: p.publishedBy, computedAt: p.tally.computedAt, logSize: p.tally.logSize }
        : null,
      withdrawn: w ? { version: w.version, withdrawnAt: w.withdrawnAt, withdrawnBy: w.withdrawnBy, reason: w.reason } : null,
    } satisfies PublicationState;
  });

  const open = { config: { rateLimit: publicRateLimit } };

  // The published tally and, once the office published them, the closed rectification items (公示).
  app.get('/api/v1/public/campaigns/:id', open, async (req, reply) => {
    const { id } = req.params as { id: string };
    const { publication: p } = await publicState(d.db, id);
    const r = await latestRectPublication(d.store.db, id);
    if (!p && !r) notPublished();
    reply.header('cache-control', 'no-cache');
    return {
      ...(p ? ({ tally: p.tally, serverSig: p.serverSig } satisfies PublishedTally) : {}),
      ...(r ? { rectifications: r } : {}),
    };
  });

  app.get('/public/campaigns/:id', open, async (req, reply) => {
    const { id } = req.params as { id: string };
    const q = PublicQuery.safeParse(req.query);
    const lang: PublicLang = q.success ? (q.data.lang ?? 'zh-Hans') : 'zh-Hans';
    const { publication: p, withdrawn } = await publicState(d.db, id);
    const rect = await latestRectPublication(d.store.db, id);
    if (withdrawn && !rect) return sendPage(reply.code(404), publicHtml(lang, null, withdrawn.withdrawnAt));
    // The definition of the published version: its name, issuer, categories and score components.
    const stored = p ? await campaignVersion(d.db, id, p.tally.campaignVersion) : undefined;
    const current = !stored && rect ? await d.store.getCampaign(id) : undefined;
    const campaign = stored ? CampaignSchema.parse(stored.definition) : current;
    if (!campaign || (!(p && stored) && !rect)) return sendPage(reply.code(404), publicHtml(lang, null));
    return sendPage(
      reply.header('cache-control', 'no-cache'),
      publicHtml(lang, { campaign, publication: p && stored ? p : null, serverKeyId: d.signer.keyId, rect }),
    );
  });
}

function sendPage(reply: FastifyReply, page: { html: string; csp: string }) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', page.csp)
    .header('x-content-type-options', 'nosniff')
    .send(page.html);
}
