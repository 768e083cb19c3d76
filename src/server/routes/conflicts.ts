import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ConflictRow } from '../../protocol/office-api';
import { ApiError } from '../http/errors';
import type { Db } from '../store/schema';

const ConflictsQuerySchema = z.strictObject({ deviceId: z.string().min(1).max(200).optional() });

/** At most this many conflicts per answer (each is evidence of a misbehaving device: few exist). */
const LIMIT = 500;

/** Chain conflicts stored per device: the console marks those devices 存在冲突. */
export async function conflictCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('chain_conflicts')
    .select(['device_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('device_id')
    .execute();
  return new Map(rows.map((r) => [r.device_id, Number(r.n)]));
}

/**
 * `GET /api/v1/admin/conflicts?deviceId=` (office admins): the stored chain conflicts — a seq for
 * which a device signed a record other than the one stored — with both versions, oldest first.
 */
export function conflictRoutes(app: FastifyInstance, db: Db, opts: { config: { rateLimit: { max: number; timeWindow: number } } }): void {
  app.get('/api/v1/admin/conflicts', opts, async (request, reply) => {
    const parsed = ConflictsQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new ApiError('malformed', 'The only query parameter is deviceId, given once.');
    const { deviceId } = parsed.data;
    const rows = await db
      .selectFrom('chain_conflicts as c')
      .leftJoin('records as r', (j) => j.onRef('r.device_id', '=', 'c.device_id').onRef('r.seq', '=', 'c.seq'))
      .select(['c.device_id', 'c.seq', 'c.received_at', 'c.offered_hash', 'c.offered_canon', 'r.hash', 'r.canon'])
      .$if(deviceId !== undefined, (q) => q.where('c.device_id', '=', deviceId!))
      .orderBy('c.received_at')
      .orderBy('c.seq')
      .limit(LIMIT)
      .execute();
    const conflicts: ConflictRow[] = rows.map((r) => ({
      deviceId: r.device_id,
      seq: r.seq,
      receivedAt: r.received_at,
      stored: r.hash !== null && r.canon !== null ? { hash: r.hash, record: JSON.parse(r.canon) as Record<string, unknown> } : null,
      offered: { hash: r.offered_hash, record: JSON.parse(r.offered_canon) as Record<string, unknown> },
    }));
    return reply.header('cache-control', 'no-store').send({ conflicts });
  });
}
