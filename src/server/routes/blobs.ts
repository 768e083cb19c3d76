import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { blobUploads, parseContentRange } from '../blob-uploads';
import { LIMITS } from '../../protocol/batch';
import { PROTOCOL } from '../../protocol/canon';
import { importPublicKey, verifyCanon } from '../../protocol/keys';
import { isoTime } from '../../domain/ids';
import type { ServerContext } from '../context';
import { ApiError } from '../http/errors';
import type { Tx } from '../store/schema';

/** PUT /api/v1/blobs/<sha256>: attachments as raw bytes, uploaded before the batch that names them. */
const MiB = 1024 * 1024;

/** The default of PINGYI_BLOB_QUOTA_BYTES: 2 GiB of not-yet-named blobs per device. */
export const DEFAULT_BLOB_QUOTA = 2 * 1024 * MiB;

export const blobRoutes: FastifyPluginAsync<ServerContext & { blobQuotaBytes?: number }> = async (app, { store, now, blobQuotaBytes }) => {
  const quotaBytes = blobQuotaBytes ?? DEFAULT_BLOB_QUOTA;
  // Raw bytes whatever the Content-Type (this plugin's scope only): JSON is not parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: LIMITS.blobBytes }, (_req, body, done) => done(null, body));

  const uploads = blobUploads(store.db);
  const mimeOf = (type: string | undefined) => (type && type !== 'application/octet-stream' ? type.slice(0, 100) : null);
  const pg = store.dialect === 'postgres';

  /**
   * Runs `write` (storing `adding` bytes of the blob) in one transaction with the quota check: a
   * blob no stored record names yet counts against its device's quota until one does, and so do
   * unfinished uploads. The device's uploads take their turns (PostgreSQL: its row is locked until
   * the commit, other devices go on beside; SQLite: one writer at a time), so uploads sent at once
   * cannot each see room that only one of them may take. A blob already held costs nothing.
   */
  const withinQuota = <T>(deviceId: string, sha256: string, adding: number, write: (tx: Tx) => Promise<T>): Promise<T> =>
    store.db.transaction().execute(async (tx) => {
      await tx
        .selectFrom('devices')
        .select('device_id')
        .where('device_id', '=', deviceId)
        .$if(pg, (q) => q.forUpdate())
        .execute();
      if (!(await tx.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst())) {
        const unnamed = await tx
          .selectFrom('blobs')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('bytes'), eb.lit(0)).as('total'))
          .where('named_at', 'is', null)
          .where('device_id', '=', deviceId)
          .executeTakeFirstOrThrow();
        const held = Number(unnamed.total) + (await blobUploads(tx).pendingBytes(deviceId));
        if (held + adding > quotaBytes) {
          throw new ApiError(
            'quota-exceeded',
            `This device already holds ${Math.round(held / MiB)} MiB of attachments that no record uses yet (the limit is ${Math.round(quotaBytes / MiB)} MiB); send the records that use them first.`,
            { heldBytes: held, quotaBytes },
          );
        }
      }
      return write(tx);
    });

  /** Stores a whole blob (false when it was held already) and ends any partial upload of it by this device. */
  const storeBlob = (tx: Tx, b: { sha256: string; data: Uint8Array; mime: string | null; deviceId: string; receivedAt: string }) =>
    tx
      .insertInto('blobs')
      .values({ sha256: b.sha256, bytes: b.data.length, mime: b.mime, data: b.data, device_id: b.deviceId, received_at: b.receivedAt, named_at: null })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .executeTakeFirst()
      .then(async (r) => {
        await blobUploads(tx).drop(b.deviceId, b.sha256);
        return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
      });

  /**
   * One part of a resumable upload, or the question how much is held (PROTOCOL.md "Attachments",
   * optional extension). Parts must continue where the held bytes end; a part already held is
   * answered without storing it again. The last part joins the parts, checks them against the
   * address and stores the blob as a whole upload would.
   */
  const part = async (deviceId: string, sha256: string, header: string, data: Buffer, type: string | undefined, reply: FastifyReply) => {
    const ask = parseContentRange(header);
    if (!ask || ask.total > LIMITS.blobBytes) {
      throw new ApiError(
        'malformed',
        `Content-Range must be "bytes <first>-<last>/<total>" or "bytes */<total>" with a total of at most ${LIMITS.blobBytes} bytes.`,
      );
    }
    if (ask.kind === 'status' && data.length > 0)
      throw new ApiError('malformed', 'A Content-Range of "bytes */<total>" asks how much is held: send it without a body.');
    if (ask.kind === 'part' && data.length !== ask.last - ask.first + 1) {
      throw new ApiError('malformed', `The body holds ${data.length} bytes; Content-Range announces ${ask.last - ask.first + 1}.`);
    }
    if (await store.hasBlob(sha256)) {
      await uploads.drop(deviceId, sha256);
      return reply.code(200).send({ sha256, bytes: ask.total });
    }
    let held = await uploads.state(deviceId, sha256);
    if (held.total !== null && held.total !== ask.total) {
      // The address fixes the length: parts that declared another length cannot complete it.
      await uploads.drop(deviceId, sha256);
      held = { received: 0, total: null };
    }
    const pending = () => {
      if (held.received) void reply.header('range', `bytes=0-${held.received - 1}`);
      return reply.code(202).send({ sha256, received: held.received, total: ask.total });
    };
    if (ask.kind === 'status') return pending();
    if (ask.first > held.received) {
      throw new ApiError('range-mismatch', `The server holds the first ${held.received} bytes of this blob; send the part starting there.`, {
        received: held.received,
        total: ask.total,
      });
    }
    if (ask.last >= held.received) {
      const start = held.received;
      const tail = data.subarray(start - ask.first);
      await withinQuota(deviceId, sha256, tail.length, (tx) =>
        blobUploads(tx).add({ deviceId, sha256, start, total: ask.total, data: tail, receivedAt: isoTime(now()) }),
      );
      held = await uploads.state(deviceId, sha256);
    }
    if (held.received < ask.total) return pending();
    const whole = await uploads.joined(deviceId, sha256, ask.total);
    const actual = createHash('sha256').update(whole).digest('hex');
    if (actual !== sha256) {
      await uploads.drop(deviceId, sha256);
      throw new ApiError('hash-mismatch', `The parts received hash to ${actual}, not to the address; upload the file again from its start.`, { actual });
    }
    // The parts held the quota's room already: joining them into the blob takes no more.
    const created = await store.db
      .transaction()
      .execute((tx) => storeBlob(tx, { sha256, data: whole, mime: mimeOf(type), deviceId, receivedAt: isoTime(now()) }));
    return reply.code(created ? 201 : 200).send({ sha256, bytes: whole.length });
  };

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
    const range = request.headers['content-range'];
    if (typeof range === 'string')
      return part(
        device.deviceId,
        sha256,
        range,
        data,
        typeof request.headers['content-type'] === 'string' ? request.headers['content-type'] : undefined,
        reply,
      );
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== sha256) throw new ApiError('hash-mismatch', `The bytes received hash to ${actual}, not to the address; upload the file again.`, { actual });
    // A whole upload ends any earlier partial one of the same blob.
    const created = await withinQuota(device.deviceId, sha256, data.length, (tx) =>
      storeBlob(tx, { sha256, data, mime: mimeOf(request.headers['content-type']), deviceId: device.deviceId, receivedAt: isoTime(now()) }),
    );
    store.health.ok();
    return reply.code(created ? 201 : 200).send({ sha256, bytes: data.length });
  });
};
