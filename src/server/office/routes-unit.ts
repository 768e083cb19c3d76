import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { imageSignatureMatches } from '../../domain/record-rules';
import { NewAnswerSchema } from '../../domain/rectification';
import { ApiError } from '../http/errors';
import { UNIT } from './auth';
import { buildFeedback } from './feedback';
import { answerItem, listItems } from './rectification';
import { parseItemInput } from './routes-rectification';
import type { CampaignRouteDeps } from './routes-campaign';
import { readTallyInputs, tallyOf } from './tally-snapshot';

/** The largest evidence file a unit uploads (a photo or a scanned page). */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

const EvidenceUpload = z.strictObject({
  mime: z.enum(EVIDENCE_MIMES),
  /** The file's bytes, base64 (standard alphabet, padded). */
  data: z
    .string()
    .max(Math.ceil(EVIDENCE_MAX_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'data is base64'),
});

/** Does a file start with its declared type's signature (PDF: %PDF-)? */
function signatureMatches(mime: string, bytes: Uint8Array): boolean {
  if (mime === 'application/pdf') return [0x25, 0x50, 0x44, 0x46, 0x2d].every((b, i) => bytes[i] === b);
  return imageSignatureMatches(mime, bytes);
}

/**
 * The routes of a unit account (被评单位), under /api/v1/unit/ (session cookie only, CSRF-checked
 * and throttled like the admin routes): its own unit's feedback (results and the opinions the
 * office chose, never who gave them) and rectification items, its answers to them and the evidence
 * files it attaches. Every admin route refuses a unit account; these refuse everyone else.
 */
export function unitRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  const guard = { preHandler: d.auth.guard(UNIT) };
  /** The signed-in unit account's unit, and the campaign it asks about if that campaign rates its unit. */
  const unitOf = async (req: FastifyRequest) => {
    const p = d.auth.principalOf(req);
    if (p.kind !== 'person' || p.person.role !== 'unit' || !p.person.unitId)
      throw new ApiError('unauthorized', 'These pages are for a unit account; sign in with the account the office made for your unit.');
    const { id } = req.params as { id: string };
    const campaign = await d.store.getCampaign(id);
    if (!campaign || !campaign.units.some((u) => u.id === p.person.unitId))
      throw new ApiError('not-found', `There is no campaign "${id}" that rates your unit.`);
    return { unitId: p.person.unitId, actor: p.person.username, campaign };
  };

  app.get('/api/v1/unit/campaigns', guard, async (req) => {
    const p = d.auth.principalOf(req);
    const unitId = p.kind === 'person' && p.person.role === 'unit' ? p.person.unitId : undefined;
    if (!unitId) throw new ApiError('unauthorized', 'These pages are for a unit account.');
    const campaigns = (await d.store.listCampaigns()).filter((c) => c.units.some((u) => u.id === unitId));
    return { unitId, campaigns: campaigns.map((c) => ({ id: c.id, name: c.name, year: c.year, unitName: c.units.find((u) => u.id === unitId)!.name })) };
  });

  app.get('/api/v1/unit/campaigns/:id/rectifications', guard, async (req) => {
    const { unitId, campaign } = await unitOf(req);
    const { items, units } = await listItems(d.store.db, campaign.id, d.now(), { unitId });
    // The records an item comes from are the office's working papers: a unit sees the problem, not its sources.
    return { items: items.map((i) => ({ ...i, sources: [] })), units: units.filter((u) => u.unitId === unitId) };
  });

  app.post('/api/v1/unit/campaigns/:id/rectifications/:itemId/answers', guard, async (req, reply) => {
    const { unitId, actor, campaign } = await unitOf(req);
    const { itemId } = req.params as { itemId: string };
    const input = parseItemInput(NewAnswerSchema, req.body, 'answer');
    const nowMs = d.now();
    const answer = await answerItem(d.store, campaign.id, itemId, input, { actor, at: new Date(nowMs).toISOString(), nowMs }, unitId);
    return reply.code(201).send({ answer });
  });

  app.post('/api/v1/unit/campaigns/:id/evidence', { ...guard, bodyLimit: Math.ceil(EVIDENCE_MAX_BYTES / 3) * 4 + 1024 }, async (req, reply) => {
    const { unitId, actor, campaign } = await unitOf(req);
    const parsed = EvidenceUpload.safeParse(req.body);
    if (!parsed.success)
      throw new ApiError('malformed', `The file is not of the expected shape: ${parsed.error.issues[0]!.message}.`, {
        path: '/' + parsed.error.issues[0]!.path.join('/'),
      });
    const bytes = Buffer.from(parsed.data.data, 'base64');
    if (bytes.length === 0 || bytes.length > EVIDENCE_MAX_BYTES)
      throw new ApiError('too-large', `An evidence file holds 1 byte to ${EVIDENCE_MAX_BYTES} bytes.`);
    if (!signatureMatches(parsed.data.mime, bytes))
      throw new ApiError('malformed', `The file's bytes are not a ${parsed.data.mime}; send a JPEG, PNG, WebP photo or a PDF.`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const held = await d.store.db.selectFrom('rect_evidence').select(['sha256', 'campaign_id', 'unit_id']).where('sha256', '=', sha256).executeTakeFirst();
    if (!held) {
      await d.store.db
        .insertInto('rect_evidence')
        .values({
          sha256,
          campaign_id: campaign.id,
          unit_id: unitId,
          bytes: bytes.length,
          mime: parsed.data.mime,
          data: bytes,
          uploaded_by: actor,
          uploaded_at: new Date(d.now()).toISOString(),
        })
        .execute();
    } else if (held.campaign_id !== campaign.id || held.unit_id !== unitId) {
      throw new ApiError('malformed', 'This file is already held for another unit or campaign; evidence is not shared between units.');
    }
    return reply.code(held ? 200 : 201).send({ sha256, bytes: bytes.length, mime: parsed.data.mime });
  });

  app.get('/api/v1/unit/campaigns/:id/feedback', guard, async (req, reply) => {
    const { unitId, campaign } = await unitOf(req);
    const inputs = await readTallyInputs(d.db, campaign.id, d.tallyCache);
    if (!inputs) throw new ApiError('not-found', `There is no campaign "${campaign.id}".`);
    const tally = tallyOf(inputs, new Date(d.now()).toISOString());
    if (!tally.units.some((u) => u.unitId === unitId)) throw new ApiError('not-found', 'Your unit has no results in this campaign yet.');
    // The opinions the office verified, never who gave or noted them (the feedback pack holds neither).
    const pack = await buildFeedback(d.db, inputs.campaign, tally, d.signer.keyId, { unitIds: [unitId], opinions: 'verified' });
    return reply.header('cache-control', 'no-store').send(pack);
  });
}
