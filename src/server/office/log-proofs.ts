import type { FastifyInstance } from 'fastify';
import { toHex } from '../../protocol/canon';
import { checkpointPayload, type Checkpoint } from '../../protocol/export';
import { consistencyProofFrom, emptyRoot, inclusionProofFrom } from '../../protocol/merkle';
import { nodeSha256 } from '../hashing';
import { withRangeRoots } from '../store/log-subtrees';
import { byHashes, hashEpochs } from '../store/rows';
import { ApiError } from '../http/errors';
import type { ServerSigner } from '../secrets';
import type { Db } from '../store/schema';

/** The signed tree head: `signed` is the server's Ed25519 signature of canon(checkpoint). */
export function signCheckpoint(signer: ServerSigner, logSize: number, logRoot: string): { checkpoint: Checkpoint; signed: string } {
  const checkpoint = checkpointPayload(logSize, logRoot);
  return { checkpoint, signed: signer.sign(checkpoint) };
}

function size(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(n)) {
    throw new ApiError('malformed', `${name} must be a whole number of leaves.`);
  }
  return n;
}

async function head(db: Db): Promise<number> {
  const row = await db.selectFrom('log_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.size;
}

/**
 * RFC 6962 proofs over the audit log (PROTOCOL.md "Audit log"): inclusion of a record or an office
 * action by its hash,
 * and consistency between two sizes. Public, like the checkpoint: a tablet or an auditor checks
 * that what it holds is in the log the server signs. Proofs are built from the stored subtree roots
 * and, where a range ends inside a block of 256 leaves, that block's leaf hashes
 * (store/log-subtrees.ts): O(log n) rows and hashes.
 */
export function logProofRoutes(app: FastifyInstance, db: Db): void {
  // Public: limited per address.
  const limited = { config: { rateLimit: { max: 120, timeWindow: 60_000 } } };
  app.get('/api/v1/log/inclusion', limited, async (req) => {
    const q = req.query as Record<string, unknown>;
    const hash = String(q.hash ?? '');
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new ApiError('malformed', 'hash must be H(record) or H(action): 64 lowercase hex characters.');
    const current = await head(db);
    const logSize = size(q.size, 'size') ?? current;
    const rec =
      (await db
        .selectFrom('records')
        .select('log_idx')
        .where(byHashes([hash], await hashEpochs(db)))
        .executeTakeFirst()) ??
      // An office action is a leaf too (office/actions.ts).
      (await db.selectFrom('office_actions').select('log_idx').where('hash', '=', hash).executeTakeFirst());
    if (!rec) throw new ApiError('not-found', 'No record or office action with this hash is in the log.');
    if (logSize > current) throw new ApiError('not-found', `The log holds ${current} leaves; ask for a size up to that.`);
    if (rec.log_idx >= logSize) throw new ApiError('not-found', `The record is leaf ${rec.log_idx}, after the first ${logSize} leaves.`);
    return withRangeRoots(db, logSize, (rangeRoot) => ({
      logIndex: rec.log_idx,
      logSize,
      logRoot: toHex(rangeRoot(0, logSize)),
      leafHash: toHex(rangeRoot(rec.log_idx, rec.log_idx + 1)),
      proof: inclusionProofFrom(rec.log_idx, logSize, rangeRoot).map(toHex),
    }));
  });

  app.get('/api/v1/log/consistency', limited, async (req) => {
    const q = req.query as Record<string, unknown>;
    const current = await head(db);
    const from = size(q.from, 'from');
    const to = size(q.to, 'to') ?? current;
    if (from === undefined) throw new ApiError('malformed', 'from (the size of the older tree) is required.');
    if (to > current) throw new ApiError('not-found', `The log holds ${current} leaves; ask for a size up to that.`);
    if (from > to) throw new ApiError('malformed', 'from must not be larger than to.');
    return withRangeRoots(db, to, (rangeRoot) => {
      const rootOf = (n: number) => toHex(n === 0 ? emptyRoot(nodeSha256) : rangeRoot(0, n));
      return { from, to, fromRoot: rootOf(from), toRoot: rootOf(to), proof: consistencyProofFrom(from, to, rangeRoot).map(toHex) };
    });
  });
}
