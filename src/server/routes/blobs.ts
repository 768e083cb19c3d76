import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../protocol/batch';
import { PROTOCOL } from '../../protocol/canon';
import { importPublicKey, verifyCanon } from '../../protocol/keys';
import { isoTime } from '../../domain/ids';
import type { ServerContext } from '../context';
import { ApiError } from '../http/errors';

/** PUT /api/v1/blobs/<sha256>: attachments as raw bytes, uploaded before the batch that names them. */
export const blobRoutes: FastifyPluginAsync<ServerContext> = async (app, { store, now }) => {
  // Raw bytes whatever the Content-Type (this plugin's scope only): JSON is not parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: LIMITS.blobBytes }, (_req, body, done) => done(null, body));

  app.put<{ Params: { sha256: string } }>('/api/v1/blobs/:sha256', { bodyLimit: LIMITS.blobBytes }, async (request, reply) => {
    const { sha256 } = request.params;
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ApiError('malformed', 'The address must end in the blob\'s SHA-256 as 64 lowercase hex characters.');
    const deviceId = request.headers['x-pingyi-device'];
    const sig = request.headers['x-pingyi-sig'];
    const device = typeof deviceId === 'string' ? await store.getDevice(deviceId) : undefined;
    if (!device) throw new ApiError('unknown-device', 'Send X-Pingyi-Device with the id of an enrolled device.');
    if (device.revokedAt) throw new ApiError('revoked-device', 'This device was revoked by the office; it may send no more.');
    const key = await importPublicKey(device.alg, device.publicJwk);
    const payload = { protocol: PROTOCOL, purpose: 'blob', deviceId: device.deviceId, sha256 };
    if (typeof sig !== 'string' || !(await verifyCanon(device.alg, key, sig, payload))) {
      throw new ApiError('bad-signature', "X-Pingyi-Sig does not verify with this device's key.");
    }
    const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== sha256) throw new ApiError('hash-mismatch', `The bytes received hash to ${actual}, not to the address; upload the file again.`, { actual });
    const type = request.headers['content-type'];
    const created = await store.putBlob({ sha256, data, mime: type && type !== 'application/octet-stream' ? type.slice(0, 100) : null, deviceId: device.deviceId, receivedAt: isoTime(now()) });
    return reply.code(created ? 201 : 200).send({ sha256, bytes: data.length });
  });
};
