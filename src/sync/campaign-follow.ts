import { CampaignSchema } from '../domain/campaign';
import { campaignChanges } from '../domain/campaign-diff';
import { signCampaignFetch } from '../protocol/build';
import type { SigningAlg } from '../protocol/keys';
import { verifyServerSig } from '../protocol/receipt';
import type { PingyiDb } from '../store/db';
import type { ServerClient } from './http';
import { CAMPAIGN_UPDATE, type CampaignUpdateNotice } from './campaign-notice';
import type { ServerKey } from './state';

export { CAMPAIGN_UPDATE, markCampaignUpdateSeen, unseenCampaignUpdate, type CampaignUpdateNotice } from './campaign-notice';

export type FollowResult =
  | { kind: 'updated'; notice: CampaignUpdateNotice }
  | { kind: 'same' }
  /** Not taken: the server cannot say (network, older server) or the answer is not signed by the pinned key. */
  | { kind: 'failed'; reason: 'network' | 'refused' | 'bad-signature' | 'bad-answer' };

export interface FollowContext {
  db: PingyiDb;
  client: ServerClient;
  deviceId: string;
  campaignId: string;
  alg: SigningAlg;
  key: CryptoKey;
  serverKey: ServerKey;
  iso: () => string;
}

/**
 * Fetches the campaign's version in force and takes it when it is newer than the stored one: the
 * server's signature is checked with the key pinned at enrollment, so nothing else can change what
 * the tablet asks. The definition and the notice are stored in one transaction; drafts started
 * afterwards use it, drafts begun before keep their answers (PROTOCOL.md "Campaign versions").
 */
export async function followCampaign(c: FollowContext): Promise<FollowResult> {
  const sig = await signCampaignFetch({ alg: c.alg, privateKey: c.key, deviceId: c.deviceId }, c.campaignId);
  const answer = await c.client.getCampaign(c.campaignId, c.deviceId, sig);
  if (answer.kind === 'retry') return { kind: 'failed', reason: 'network' };
  if (answer.kind === 'refused') return { kind: 'failed', reason: 'refused' };
  const body = answer.body as { campaign?: unknown; serverSig?: unknown };
  if (typeof body?.serverSig !== 'string' || !(await verifyServerSig(body.campaign, body.serverSig, c.serverKey.jwk)))
    return { kind: 'failed', reason: 'bad-signature' };
  const parsed = CampaignSchema.safeParse(body.campaign);
  if (!parsed.success || parsed.data.id !== c.campaignId || parsed.data.version === undefined) return { kind: 'failed', reason: 'bad-answer' };
  const next = parsed.data;
  return c.db.transaction('rw', c.db.campaigns, c.db.kv, async (): Promise<FollowResult> => {
    const stored = await c.db.campaigns.get(c.campaignId);
    const from = stored?.definition.version ?? 0;
    if (stored && from >= next.version!) return { kind: 'same' };
    const notice: CampaignUpdateNotice = {
      campaignId: c.campaignId,
      from,
      to: next.version!,
      changes: stored ? campaignChanges(stored.definition, next) : [],
      at: c.iso(),
      seen: false,
    };
    await c.db.campaigns.put({ id: next.id, definition: next, source: 'enrolled', savedAt: notice.at });
    await c.db.kv.put({ key: CAMPAIGN_UPDATE, value: notice });
    return { kind: 'updated', notice };
  });
}
