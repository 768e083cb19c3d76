import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../protocol/batch';
import { PROTOCOL } from '../../protocol/canon';
import { importPublicKey, verifyCanon } from '../../protocol/keys';
import { isoTime } from '../../domain/ids';
import type { ServerContext } from '../context';
import { ApiError } from '../http/errors';

/** PUT /api/v1/blobs/<sha256>: attachments as raw bytes, uploaded before the batch that names them. */
const MiB = 1024 * 1024;

/** The default of PINGYI_BLOB_QUOTA_BYTES: 2 GiB of not-yet-named blobs per device. */
export const DEFAULT_BLOB_QUOTA = 2 * 1024 * MiB;

export const blobRoutes: FastifyPluginAsync<ServerContext & { blobQuotaBytes?: number }> = async (app, { store, now, blobQuotaBytes }) => {
  const quotaBytes = blobQuotaBytes ?? DEFAULT_BLOB_QUOTA;
  // Raw bytes whatever the Content-Type (this plugin's scope only): JSON is not parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: LIMITS.blobBytes }, (_req, body, done) => done(null, body));

  app.put<{ Params: { sha256: string } }>('/api/v1/blobs/:sha256', { bodyLimit: LIMITS.blobBytes }, async (request, reply) => {
    const { sha256 } = request.params;
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ApiError('malformed', "The address must end in the blob's SHA-256 as 64 lowercase hex characters.");
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
    // A blob no stored record names yet counts against its device's quota until one does.
    if (!(await store.hasBlob(sha256))) {
      const held = await store.unnamedBlobBytes(device.deviceId);
      if (held + data.length > quotaBytes) {
        throw new ApiError(
          'quota-exceeded',
          `This device already holds ${Math.round(held / MiB)} MiB of attachments that no record uses yet (the limit is ${Math.round(quotaBytes / MiB)} MiB); send the records that use them first.`,
          { heldBytes: held, quotaBytes },
        );
      }
    }
    const type = request.headers['content-type'];
    const created = await store.putBlob({
      sha256,
      data,
      mime: type && type !== 'application/octet-stream' ? type.slice(0, 100) : null,
      deviceId: device.deviceId,
      receivedAt: isoTime(now()),
    });
    return reply.code(created ? 201 : 200).send({ sha256, bytes: data.length });
  });
};
