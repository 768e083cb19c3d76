import { z } from 'zod';
import { B64uSchema, HashSchema, TimeSchema, type PingyiRecord } from '../domain/records';

/** The batch header that the device signs (PROTOCOL.md "Batch"). */
export const BatchHeaderSchema = z.strictObject({
  protocol: z.literal('pingyi/1'),
  deviceId: z.string().min(1).max(128),
  keyId: z.string().min(1).max(128),
  fromSeq: z.number().int().min(1),
  toSeq: z.number().int().min(1),
  count: z.number().int().min(1),
  prevHash: HashSchema,
  headHash: HashSchema,
  sentAt: TimeSchema,
});

/**
 * The batch envelope. Records are only checked to be objects here: their own shape is checked per
 * record later (`bad-chain`, then `invalid-record` with its index and path), in the protocol's order.
 */
export const BatchSchema = z.strictObject({
  header: BatchHeaderSchema,
  records: z.array(z.record(z.string(), z.unknown())).min(1),
  sig: B64uSchema.min(1),
});

export const ReceiptSchema = z.strictObject({
  protocol: z.literal('pingyi/1'),
  deviceId: z.string(),
  throughSeq: z.number().int().min(1),
  headHash: HashSchema,
  receivedAt: TimeSchema,
  logSize: z.number().int().min(0).optional(),
  logRoot: HashSchema.optional(),
});

export const BatchAnswerSchema = z.object({
  status: z.enum(['accepted', 'duplicate']),
  appended: z.number().int().min(0),
  receipt: ReceiptSchema,
  serverSig: B64uSchema,
});

export type BatchHeader = z.infer<typeof BatchHeaderSchema>;
export type Batch = Omit<z.infer<typeof BatchSchema>, 'records'> & { records: PingyiRecord[] };
export type Receipt = z.infer<typeof ReceiptSchema>;
export type BatchAnswer = z.infer<typeof BatchAnswerSchema>;

export const LIMITS = {
  batchBodyBytes: 8 * 1024 * 1024,
  batchRecords: 500,
  blobBytes: 20 * 1024 * 1024,
  /** What a tablet puts in one batch (PROTOCOL allows 500; the outbox keeps them smaller). */
  tabletBatchRecords: 200,
} as const;
