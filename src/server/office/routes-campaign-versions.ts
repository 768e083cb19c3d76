import type { FastifyInstance } from 'fastify';
import { CampaignSchema } from '../../domain/campaign';
import { pointer } from '../../domain/validate';
import { ApiError } from '../http/errors';
import { actorName, ANY_PERSON, OFFICE_ADMIN } from './auth';
import { campaignVersion, listCampaignVersions, saveCampaignVersion } from './campaign-versions';
import { officeTxIn } from './actions';
import { recordCampaignVersion, recordVetoes } from './campaign-actions';
import type { CampaignRouteDeps } from './routes-campaign';
import { currentVetoes, putVetoes, vetoesSchema } from './vetoes';
import { isP256Point } from '../../protocol/p256';

const iso = (ms: number) => new Date(ms).toISOString();

function notFound(id: string): never {
  throw new ApiError('not-found', `There is no campaign "${id}".`);
}

/** The first problem of a zod failure as a `malformed` answer naming its path. */
function malformed(what: string, issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ''): never {
  const issue = issues[0]!;
  const path = prefix + pointer(issue.path);
  throw new ApiError('malformed', `${what} is not valid at ${path || '/'}: ${issue.message}`, { path });
}

/** Campaign definitions as versions (PROTOCOL.md "Campaign versions") and the office's vetoes. */
export function campaignVersionRoutes(app: FastifyInstance, d: CampaignRouteDeps): void {
  const admin = { preHandler: d.auth.guard(OFFICE_ADMIN) };
  const anyone = { preHandler: d.auth.guard(ANY_PERSON) };

  app.put('/api/v1/admin/campaigns/:id', admin, async (req, reply) => {
    const { id } = req.params as { id: string };
    const { confirm } = req.query as { confirm?: unknown };
    if (confirm !== undefined && confirm !== 'rescore') throw new ApiError('malformed', 'The only confirmation is ?confirm=rescore.');
    const parsed = CampaignSchema.safeParse(req.body);
    if (!parsed.success) malformed('The campaign definition', parsed.error.issues);
    if (parsed.data.id !== id) throw new ApiError('malformed', `The definition's id "${parsed.data.id}" is not the one in the address.`, { path: '/id' });
    // Tablets seal covert findings to this key: one that is not a P-256 point would fail every seal.
    if (parsed.data.encryptionKey && !isP256Point(parsed.data.encryptionKey)) {
      throw new ApiError('malformed', 'The encryptionKey is not a P-256 public key (its x and y are not a point of the curve).', { path: '/encryptionKey' });
    }
    const actor = actorName(d.auth.principalOf(req));
    const at = iso(d.now());
    const saved = await saveCampaignVersion(d.db, parsed.data, {
      actor,
      at,
      confirm: confirm === 'rescore',
      onVersion: (tx, v) => recordCampaignVersion(officeTxIn(d.store, tx), { campaignId: id, actor, at, ...v }),
    });
    return reply.code(saved.kind === 'created' ? 201 : 200).send({ version: saved.version });
  });

  app.get('/api/v1/admin/campaigns/:id/versions', anyone, async (req) => {
    const { id } = req.params as { id: string };
    const versions = await listCampaignVersions(d.db, id);
    if (versions.length === 0) notFound(id);
    return { versions };
  });

  app.get('/api/v1/admin/campaigns/:id/versions/:n', anyone, async (req) => {
    const { id, n } = req.params as { id: string; n: string };
    if (!/^[1-9][0-9]{0,8}$/.test(n)) throw new ApiError('malformed', 'A version is a whole number from 1.');
    const v = await campaignVersion(d.db, id, Number(n));
    if (!v) throw new ApiError('not-found', `Campaign "${id}" has no version ${n}.`);
    return v.definition;
  });

  app.get('/api/v1/admin/campaigns/:id/vetoes', anyone, async (req) => {
    const { id } = req.params as { id: string };
    if (!(await d.store.getCampaign(id))) notFound(id);
    const v = await currentVetoes(d.db, id);
    return { vetoes: v?.vetoes ?? {}, version: v?.version ?? 0, setAt: v?.setAt ?? null, setBy: v?.setBy ?? null };
  });

  app.put('/api/v1/admin/campaigns/:id/vetoes', admin, async (req) => {
    const { id } = req.params as { id: string };
    const campaign = await d.store.getCampaign(id);
    if (!campaign) notFound(id);
    const parsed = vetoesSchema(campaign).safeParse(req.body);
    if (!parsed.success) malformed('The vetoes', parsed.error.issues);
    const setBy = actorName(d.auth.principalOf(req));
    const setAt = iso(d.now());
    const version = await putVetoes(d.db, id, parsed.data.vetoes, {
      setBy,
      setAt,
      onSaved: (tx, v) => recordVetoes(officeTxIn(d.store, tx), { campaignId: id, actor: setBy, at: setAt, ...v }),
    });
    return { vetoes: parsed.data.vetoes, version, setAt };
  });
}
