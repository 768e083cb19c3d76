import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { PROTOCOL } from '../../protocol/canon';
import { importPublicKey, verifyCanon } from '../../protocol/keys';
import type { ServerContext } from '../context';
import { ApiError } from '../http/errors';
import { tabletItems } from '../office/rectification';
import type { DeviceInfo, Store } from '../store/types';

/**
 * The enrolled, unrevoked device of this campaign that signed the request: X-Pingyi-Device and
 * X-Pingyi-Sig over canon({protocol, purpose, deviceId, campaignId}), as a blob upload is signed.
 */
async function signedDevice(store: Store, request: FastifyRequest, campaignId: string, purpose: string): Promise<DeviceInfo> {
  const deviceId = request.headers['x-pingyi-device'];
  const sig = request.headers['x-pingyi-sig'];
  const device = typeof deviceId === 'string' ? await store.getDevice(deviceId) : undefined;
  if (!device) throw new ApiError('unknown-device', 'Send X-Pingyi-Device with the id of an enrolled device.');
  const key = await importPublicKey(device.alg, device.publicJwk);
  const payload = { protocol: PROTOCOL, purpose, deviceId: device.deviceId, campaignId };
  if (typeof sig !== 'string' || !(await verifyCanon(device.alg, key, sig, payload))) {
    throw new ApiError('bad-signature', "X-Pingyi-Sig does not verify with this device's key.");
  }
  if (device.revokedAt) throw new ApiError('revoked-device', 'This device was revoked by the office; it receives no more campaign updates.');
  if (device.campaignId !== campaignId) throw new ApiError('not-found', `This device is enrolled in campaign "${device.campaignId}", not "${campaignId}".`);
  return device;
}

/**
 * GET /api/v1/campaigns/<id>: the version in force of the campaign a tablet enrolled in, signed by
 * the server (PROTOCOL.md "Campaign versions"); GET /api/v1/campaigns/<id>/rectifications: the
 * campaign's rectification items not closed, for 回头看 (PROTOCOL.md "Rectification", signed with
 * purpose `rectifications`). Only an enrolled, unrevoked device of that campaign reads them.
 */
export const deviceCampaignRoutes: FastifyPluginAsync<ServerContext> = async (app, { store, signer }) => {
  app.get<{ Params: { id: string } }>('/api/v1/campaigns/:id', async (request, reply) => {
    const campaignId = request.params.id;
    await signedDevice(store, request, campaignId, 'campaign');
    const campaign = await store.getCampaign(campaignId);
    if (!campaign) throw new ApiError('not-found', `There is no campaign "${campaignId}".`);
    return reply.header('cache-control', 'no-store').send({ campaign, serverSig: signer.sign(campaign) });
  });

  app.get<{ Params: { id: string } }>('/api/v1/campaigns/:id/rectifications', async (request, reply) => {
    const campaignId = request.params.id;
    await signedDevice(store, request, campaignId, 'rectifications');
    return reply.header('cache-control', 'no-store').send({ items: await tabletItems(store.db, campaignId) });
  });
};
