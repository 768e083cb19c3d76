/**
 * The answers of the representatives' office routes (PROTOCOL.md "Representatives: roster,
 * reproducible draw, quotas, progress"), shared by the server's routes and the console. Types only.
 */
import type { RosterPerson } from '../domain/roster';

/** GET/PUT …/roster. */
export interface RosterBody {
  people: RosterPerson[];
}

/** The answer of PUT …/roster. */
export interface RosterSavedAnswer {
  size: number;
  changed: number;
  removed: number;
  /** Devices revoked because their person was disqualified by this change. */
  revokedDevices: string[];
}

/** One draw as stored and listed (GET …/draws); POST …/draws answers its drawId, seed and picked. */
export interface DrawRecord {
  drawId: string;
  seed: string;
  strata: Record<string, number>;
  /** group id → person ids, in draw order. */
  picked: Record<string, string[]>;
  /** H of the approved people's {id, group} sorted by id: the roster the draw read. */
  rosterHash: string;
  at: string;
  actor: string;
  /** The draw's leaf in the audit log. */
  logIndex: number;
}

/** unit id → rater group id → target and, for paper questionnaires, how many were issued (发放). */
export type Quotas = Record<string, Record<string, { quota: number; issued?: number }>>;

/** GET …/progress. */
export interface ProgressAnswer {
  units: {
    unitId: string;
    byGroup: Record<string, { quota: number | null; issued: number | null; returned: number }>;
  }[];
  collectors: {
    collector: string;
    /** The roster name when the collector is a roster person. */
    name?: string;
    /** Asia/Shanghai day of sealedAt → questionnaires in force that are not excluded. */
    byDay: Record<string, number>;
    /** The latest batch any of the collector's tablets sent (null: never synced). */
    lastSyncAt: string | null;
  }[];
}
