import type { SealedF2f } from '../../../domain/review';
import type { BatchExport, DeviceExport, ExportHeader, ExportLine } from '../../../protocol/export';
import { emptyAnswerFold, type AnswerFold } from './answers';
import { LeafHashes } from './leaves';

/** One check of the verifier, as printed: a name, pass or fail, and what was found. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  problems: string[];
}

/** What the verifier keeps while it reads the export line by line (records are kept slim). */
export interface ReadState {
  header: ExportHeader | null;
  serverKey: Extract<ExportLine, { kind: 'server-key' }> | null;
  campaign: Record<string, unknown> | null;
  /**
   * The campaign's earlier versions as the export carries them, oldest first (their limits judged
   * what arrived under them); undefined for an export written before it carried them.
   */
  earlierCampaigns: Record<string, unknown>[] | undefined;
  devices: Map<string, DeviceExport>;
  batches: BatchExport[];
  /** Leaf hash by log index; holes are missing leaves. */
  leaves: LeafHashes;
  duplicateLeaves: number[];
  /** Record hashes by device and seq, for the chain and batch checks. */
  chains: Map<string, Map<number, { hash: string; prev: string }>>;
  /** The f2f, amend and void records folded into what the tally needs, with their log indexes. */
  answers: AnswerFold;
  /** The log size the state is taken at (a published tally is recomputed from the records below its log size). */
  below: number;
  /** Every original f2f in log order, and its id by hash, for replaying the holds and decisions. */
  f2fs: SealedF2f[];
  f2fIdByHash: Map<string, string>;
  recordProblems: string[];
  /** The office actions carried (their leaves are set too), replayed by checkDecisions. */
  actions: { logIdx: number; action: Record<string, unknown> }[];
  manual: Extract<ExportLine, { kind: 'manual-scores' }> | null;
  vetoes: Extract<ExportLine, { kind: 'vetoes' }> | null;
  checkpoint: Extract<ExportLine, { kind: 'checkpoint' }> | null;
  tally: Extract<ExportLine, { kind: 'tally' }> | null;
  end: Extract<ExportLine, { kind: 'end' }> | null;
  counts: { devices: number; batches: number; records: number; actions: number; leaves: number };
  formatProblems: string[];
  lines: number;
}

export function emptyState(): ReadState {
  const s: ReadState = {
    header: null,
    serverKey: null,
    campaign: null,
    earlierCampaigns: undefined,
    devices: new Map(),
    batches: [],
    leaves: new LeafHashes(() => s.header?.logSize ?? 0),
    duplicateLeaves: [],
    chains: new Map(),
    answers: emptyAnswerFold(),
    below: Infinity,
    f2fs: [],
    f2fIdByHash: new Map(),
    recordProblems: [],
    actions: [],
    manual: null,
    vetoes: null,
    checkpoint: null,
    tally: null,
    end: null,
    counts: { devices: 0, batches: 0, records: 0, actions: 0, leaves: 0 },
    formatProblems: [],
    lines: 0,
  };
  return s;
}

/** Adds a problem, keeping the first few of each list: a badly broken file must not flood the screen. */
export function note(list: string[], problem: string, limit = 20): void {
  if (list.length < limit) list.push(problem);
  else if (list.length === limit) list.push('… more of the same left out');
}
