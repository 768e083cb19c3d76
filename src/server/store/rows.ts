import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import { CampaignSchema, type Campaign } from '../../domain/campaign';
import type { PublicJwk, SigningAlg } from '../../protocol/keys';
import type { CoreTables, DevicesTable, EnrollmentCodesTable } from './schema';
import type { DeviceInfo, DeviceRole, EnrollmentCode, F2fAnswers } from './types';

/** Row ↔ domain mapping, in one place so that the column names stay out of the routes. */

export function deviceFromRow(r: Selectable<DevicesTable>): DeviceInfo {
  return {
    deviceId: r.device_id,
    campaignId: r.campaign_id,
    label: r.label,
    role: r.role as DeviceRole,
    collector: r.collector,
    alg: r.alg as SigningAlg,
    keyId: r.key_id,
    publicJwk: JSON.parse(r.public_jwk) as PublicJwk,
    headSeq: r.head_seq,
    headHash: r.head_hash,
    lastBatchAt: r.last_batch_at,
    revokedAt: r.revoked_at,
    enrolledAt: r.enrolled_at,
  };
}

export function codeFromRow(r: Selectable<EnrollmentCodesTable>): EnrollmentCode {
  return {
    code: r.code,
    campaignId: r.campaign_id,
    role: r.role as DeviceRole,
    collector: r.collector,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    deviceId: r.device_id,
    personId: r.person_id,
  };
}

/** Campaign definitions were validated before they were written; parsing again restores defaults. */
export function campaignFromRow(definition: string): Campaign {
  return CampaignSchema.parse(JSON.parse(definition));
}

/**
 * campaignFromRow with memory, for the ingest path: a definition is parsed (and its defaults
 * filled in) once per stored text, not once per batch. The campaigns it hands out are frozen, as
 * they are shared between batches. Keyed by the stored text, so a replaced definition is parsed
 * again whoever replaced it (the admin CLI writes beside the server).
 */
export function campaignParser(): (definition: string) => Campaign {
  const parsed = new Map<string, Campaign>();
  return (definition) => {
    let campaign = parsed.get(definition);
    if (campaign === undefined) {
      campaign = deepFreeze(campaignFromRow(definition));
      if (parsed.size >= 16) parsed.clear();
      parsed.set(definition, campaign);
    }
    return campaign;
  };
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** The answer columns of f2f_effective (what an amend replaces). */
export function answerColumns(a: F2fAnswers) {
  return {
    unit_id: a.unitId,
    rater_group: a.raterGroup,
    channel: a.channel,
    overall: a.overall,
    ratings: JSON.stringify(a.ratings),
    latest_seq: a.latestSeq,
    duration_ms: a.durationMs,
    lat_e6: a.latE6,
    lon_e6: a.lonE6,
  };
}

/**
 * The indexed key of a record hash: its first 13 hex digits (52 bits, exact as a JavaScript number).
 * Find records by hash with `byHashes` (the index is by epoch, then this key).
 */
export function hashKey(hash: string): number {
  return parseInt(hash.slice(0, 13), 16);
}

/**
 * Records are indexed by hash within epochs of 2^EPOCH_BITS log indices (migration 015): `(log_idx
 * >> EPOCH_BITS, hash_key)`. Hashes are random, so one index over all of them had every insert land
 * on a page of its own: a batch of 500 dirtied ~500 of its pages, and the log frames each commit
 * writes grew with the store (a commit took twice as long at 160,000 records as at 20,000). Within
 * an epoch, a batch's inserts share the epoch's few pages; a lookup probes each epoch, a few dozen
 * at most for the stores Pingyi serves. The expression is the index's: change both together.
 */
export const EPOCH_BITS = 14;

/** Epochs of the hash index that hold records: 0 up to that of the highest log index (none when empty). */
export async function hashEpochs<DB extends CoreTables>(db: Kysely<DB>): Promise<number[]> {
  const row = await (db as unknown as Kysely<CoreTables>)
    .selectFrom('records')
    .select(sql<number | null>`max(log_idx)`.as('last'))
    .executeTakeFirst();
  const last = row?.last;
  if (last === null || last === undefined) return [];
  return Array.from({ length: Math.floor(Number(last) / 2 ** EPOCH_BITS) + 1 }, (_, i) => i);
}

/**
 * The condition "this record's hash is one of `hashes`" that the hash index answers, for the
 * epochs `hashEpochs` read (`alias`: the records table's alias in the query, if any). Always
 * false for no hashes or no epochs.
 */
export function byHashes(hashes: readonly string[], epochs: readonly number[], alias?: string): RawBuilder<SqlBool> {
  if (hashes.length === 0 || epochs.length === 0) return sql<SqlBool>`1 = 0`;
  const col = (c: string) => sql.ref(alias ? `${alias}.${c}` : c);
  const keys = [...new Set(hashes.map(hashKey))];
  return sql<SqlBool>`(${col('log_idx')} >> ${sql.lit(EPOCH_BITS)}) in (${sql.join(epochs.map((e) => sql.lit(e)))}) and ${col('hash_key')} in (${sql.join(keys)}) and ${col('hash')} in (${sql.join([...hashes])})`;
}

/** Values per IN list, and rows per multi-row INSERT on PostgreSQL (SQLite inserts row by row, bulk.ts): far below either's bound on parameters. */
export const ROWS_PER_INSERT = 500;

/** Splits a list for IN (…) queries and multi-row inserts (SQLite binds at most 32,766 values). */
export function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
