import type { FastifyPluginAsync } from 'fastify';
import { PROTOCOL } from '../../protocol/canon';
import { importPublicKey, verifyCanon } from '../../protocol/keys';
import type { ServerContext } from '../context';
import { ApiError } from '../http/errors';

/**
 * GET /api/v1/campaigns/<id>: the version in force of the campaign a tablet enrolled in, signed by
 * the server (PROTOCOL.md "Campaign versions"). The request is signed like a blob upload, so only
 * an enrolled, unrevoked device of that campaign reads it.
 */
export const deviceCampaignRoutes: FastifyPluginAsync<ServerContext> = async (app, { store, signer }) => {
  app.get<{ Params: { id: string } }>('/api/v1/campaigns/:id', async (request, reply) => {
    const campaignId = request.params.id;
    const deviceId = request.headers['x-pingyi-device'];
    const sig = request.headers['x-pingyi-sig'];
    const device = typeof deviceId === 'string' ? await store.getDevice(deviceId) : undefined;
    if (!device) throw new ApiError('unknown-device', 'Send X-Pingyi-Device with the id of an enrolled device.');
    const key = await importPublicKey(device.alg, device.publicJwk);
    const payload = { protocol: PROTOCOL, purpose: 'campaign', deviceId: device.deviceId, campaignId };
    if (typeof sig !== 'string' || !(await verifyCanon(device.alg, key, sig, payload))) {
      throw new ApiError('bad-signature', "X-Pingyi-Sig does not verify with this device's key.");
    }
    if (device.revokedAt) throw new ApiError('revoked-device', 'This device was revoked by the office; it receives no more campaign updates.');
    if (device.campaignId !== campaignId) throw new ApiError('not-found', `This device is enrolled in campaign "${device.campaignId}", not "${campaignId}".`);
    const campaign = await store.getCampaign(campaignId);
    if (!campaign) throw new ApiError('not-found', `There is no campaign "${campaignId}".`);
    return reply.header('cache-control', 'no-store').send({ campaign, serverSig: signer.sign(campaign) });
  });
};
