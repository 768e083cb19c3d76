import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { checkBatchSignatures, checkChains, checkFormat, checkLog, checkServerKey, checkTally } from './checks';
import { checkDecisions } from './decisions';
import { checkDraws, recomputeDraws, type DrawCheck } from './draws';
import { readLine } from './read';
import { emptyState, type CheckResult } from './state';

export type { CheckResult } from './state';
export type { DrawCheck } from './draws';

/** Verifies an export given as lines, with no server: every check of README "verify", in order. */
export async function verifyExportLines(lines: AsyncIterable<string> | Iterable<string>, opts: { expectedKeyId?: string } = {}): Promise<CheckResult[]> {
  const s = emptyState();
  for await (const line of lines) readLine(s, line);
  return [
    checkFormat(s),
    await checkServerKey(s, opts.expectedKeyId),
    await checkBatchSignatures(s),
    checkChains(s),
    await checkLog(s),
    await checkTally(s),
    await checkDecisions(s),
    checkDraws(s),
  ];
}

/** Verifies an export file, read line by line. */
export function verifyExportFile(path: string, opts: { expectedKeyId?: string } = {}): Promise<CheckResult[]> {
  return verifyExportLines(createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 }), crlfDelay: Infinity }), opts);
}

/** Every draw of an export file recomputed from the roster and seed it logged (`npm run verify -- draw <file>`). */
export async function verifyDrawsFile(path: string): Promise<DrawCheck[]> {
  const s = emptyState();
  for await (const line of createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 }), crlfDelay: Infinity }))
    readLine(s, line);
  if (s.formatProblems.length > 0) throw new Error(`the export cannot be read: ${s.formatProblems[0]}`);
  return recomputeDraws(s);
}
