import type { FastifyInstance } from 'fastify';
import { parseManualScores } from '../../domain/scoring';
import type { PingyiRecord } from '../../domain/records';
import { ApiError } from '../http/errors';
import type { ServerSigner } from '../secrets';
import type { Store } from '../store/types';
import { actorName, OFFICE_ADMIN, type OfficeAuth } from './auth';
import { currentManualScores, manualScoresHistory, manualScoresOrNone, putManualScores } from './manual-scores';
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
    const parsed = parseManualScores(campaign, req.body);
    if (!parsed.ok) throw new ApiError('malformed', `${parsed.path}: ${parsed.message}`, { path: parsed.path });
    const setAt = iso(d.now());
    const version = await putManualScores(d.store, id, parsed.value, actorName(d.auth.principalOf(req)), setAt);
    return { ...parsed.value, version, setAt } satisfies ManualScoresAnswer;
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
