import { z } from 'zod';
import { BatchSchema, LIMITS, type BatchHeader } from '../../protocol/batch';
import { pointer } from '../../domain/validate';
import { hashCanons } from '../hashing';
import { ApiError } from '../http/errors';
import { canonicaliser } from './canon-json';

/** A batch whose envelope is well formed: header, signature and records as parsed (not yet hashed). */
export interface Envelope {
  header: BatchHeader;
  sig: string;
  /** The records exactly as parsed from the body (their own shape is checked later, per record). */
  records: Record<string, unknown>[];
}

/** An authenticated envelope with every record's canonical form and hash computed. */
export interface PreparedBatch extends Envelope {
  canons: string[];
  hashes: string[];
  /** RFC 6962 leaf hashes of the records, for the audit log. */
  leafHashes: Buffer[];
  /** The first `bad-chain` problem, reported only after the device and signature checks (PROTOCOL order). */
  chainProblem: ApiError | null;
}

/**
 * BatchSchema with the records only required to be JSON objects: each record's own shape is checked
 * later, in the protocol's order, and copying 500 records through zod here would be wasted work.
 */
const EnvelopeSchema = BatchSchema.extend({
  records: z.array(z.custom<Record<string, unknown>>((r) => typeof r === 'object' && r !== null && !Array.isArray(r), 'a record must be a JSON object')).min(1),
});

/** How deeply a batch body may nest (a record nests a handful of levels; canon and validation recurse). */
export const MAX_JSON_DEPTH = 64;

/**
 * True when some value is nested deeper than `max` levels: the common answer (no) without
 * allocating, before tooDeep builds the path of the first one.
 */
// Stryker disable all: a shortcut only; tooDeep walks the value again and returns the same path (or null) whatever this answers.
function nestsDeeper(x: unknown, max: number): boolean {
  if (typeof x !== 'object' || x === null) return false;
  if (max <= 0) return true;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      if (typeof v === 'object' && v !== null && nestsDeeper(v, max - 1)) return true;
    }
    return false;
  }
  const o = x as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (typeof v === 'object' && v !== null && nestsDeeper(v, max - 1)) return true;
  }
  return false;
}
// Stryker restore all

/** The path of the first value nested deeper than `max` levels, or null (stops as soon as it is found). */
export function tooDeep(x: unknown, max: number, depth = 0): (string | number)[] | null {
  // Stryker disable next-line ConditionalExpression: skipping the shortcut only costs time, the walk below finds the same answer.
  if (depth === 0 && !nestsDeeper(x, max)) return null;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a value that is not an object never gets here (the shortcut at depth 0, `into` below).
  if (typeof x !== 'object' || x === null) return null;
  if (depth >= max) return [];
  const into = (v: unknown, key: string | number): (string | number)[] | null => {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: tooDeep itself returns null for a value that is not an object.
    if (typeof v !== 'object' || v === null) return null;
    const deep = tooDeep(v, max, depth + 1);
    if (deep) deep.unshift(key);
    return deep;
  };
  if (Array.isArray(x)) {
    // Stryker disable next-line EqualityOperator: one step past the end reads undefined, which `into` passes over.
    for (let i = 0; i < x.length; i++) {
      const deep = into(x[i], i);
      if (deep) return deep;
    }
    return null;
  }
  const o = x as Record<string, unknown>;
  for (const k in o) {
    const deep = into(o[k], k);
    if (deep) return deep;
  }
  return null;
}

/**
 * Checks the envelope (400 malformed, nesting included) and the record count (413 too-large). Reads
 * no record beyond its nesting: nothing is canonicalised or hashed before the device is known and
 * its signature verified (hashBatch).
 */
export function parseEnvelope(body: unknown): Envelope {
  const parsed = EnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError('malformed', `The batch is not of the protocol's shape at ${pointer(issue.path) || '/'}: ${issue.message}`, {
      path: pointer(issue.path),
    });
  }
  const deep = tooDeep(body, MAX_JSON_DEPTH);
  if (deep) {
    throw new ApiError('malformed', `The batch nests JSON deeper than ${MAX_JSON_DEPTH} levels at ${pointer(deep)}; the protocol's objects are shallow.`, {
      path: pointer(deep),
    });
  }
  const { header, sig } = parsed.data;
  // The records as they arrived (not a parsed copy): the device signed these bytes.
  const records = (body as { records: Record<string, unknown>[] }).records;
  if (records.length > LIMITS.batchRecords) {
    throw new ApiError('too-large', `A batch holds at most ${LIMITS.batchRecords} records, this one ${records.length}; send smaller batches.`);
  }
  return { header, sig, records };
}

/** Computes each record's canonical form and hash and the chain checks, which need no stored state. */
export function hashBatch(envelope: Envelope): PreparedBatch {
  const { header, records } = envelope;
  const canon = canonicaliser();
  const canons = records.map((r) => canon(r));
  const { hashes, leafHashes } = hashCanons(canons);
  return { ...envelope, canons, hashes, leafHashes, chainProblem: chainProblem(header, records, hashes) };
}

function badChain(message: string, index?: number): ApiError {
  return new ApiError('bad-chain', message, index === undefined ? {} : { index });
}

/** The header against the records: count, consecutive seqs, device, prev links, headHash. */
function chainProblem(h: BatchHeader, records: Record<string, unknown>[], hashes: string[]): ApiError | null {
  if (h.count !== records.length) return badChain(`header.count is ${h.count} but the batch holds ${records.length} records.`);
  if (h.toSeq - h.fromSeq + 1 !== h.count) return badChain(`fromSeq ${h.fromSeq} to toSeq ${h.toSeq} is not ${h.count} records.`);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.seq !== h.fromSeq + i) return badChain(`record ${i} has seq ${String(r.seq)}, expected ${h.fromSeq + i}.`, i);
    if (r.deviceId !== h.deviceId) return badChain(`record ${i} names another device than the header.`, i);
    const expected = i === 0 ? h.prevHash : hashes[i - 1];
    if (r.prev !== expected) {
      return badChain(i === 0 ? "the first record's prev is not the header's prevHash." : `record ${i}'s prev is not the hash of record ${i - 1}.`, i);
    }
  }
  if (hashes[hashes.length - 1] !== h.headHash) return badChain('headHash is not the hash of the last record.', records.length - 1);
  return null;
}
