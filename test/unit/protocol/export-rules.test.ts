// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PROTOCOL } from '../../../src/protocol/canon';
import { CheckpointSchema, checkpointPayload, EXPORT_FORMAT, ExportLineSchema } from '../../../src/protocol/export';

// What the server signs as a checkpoint of the audit log, and the lines of the verifiable export
// (PROTOCOL.md "Audit log", src/protocol/export.ts).

const ROOT = 'ab'.repeat(32);

describe('audit log checkpoints', () => {
  it('names the protocol, the purpose "checkpoint", the log size and the root, and nothing else', () => {
    expect(checkpointPayload(12, ROOT)).toStrictEqual({ protocol: 'pingyi/1', purpose: 'checkpoint', logSize: 12, logRoot: ROOT });
    expect(PROTOCOL).toBe('pingyi/1');
  });

  it('is a checkpoint by the schema the verifier reads it with, for the empty log too', () => {
    expect(CheckpointSchema.parse(checkpointPayload(0, ROOT))).toStrictEqual(checkpointPayload(0, ROOT));
    expect(CheckpointSchema.safeParse({ ...checkpointPayload(1, ROOT), purpose: 'blob' }).success).toBe(false);
    expect(CheckpointSchema.safeParse(checkpointPayload(-1, ROOT)).success).toBe(false);
    expect(CheckpointSchema.safeParse(checkpointPayload(1, ROOT.toUpperCase())).success).toBe(false);
  });

  it('reads a checkpoint line carrying it, and refuses one with a field added', () => {
    const line = { kind: 'checkpoint', checkpoint: checkpointPayload(5, ROOT), serverSig: 'c2ln' };
    expect(ExportLineSchema.parse(line)).toStrictEqual(line);
    expect(ExportLineSchema.safeParse({ ...line, checkpoint: { ...line.checkpoint, extra: 1 } }).success).toBe(false);
    expect(EXPORT_FORMAT).toBe('pingyi-export/1');
  });
});
