/** Shapes of the tally (PROTOCOL.md "Office side") and of the aggregate it is computed from. */

export type Flag = 'incomplete' | 'small-sample' | 'retired' | 'vetoed';
export const FLAG_ORDER: readonly Flag[] = ['incomplete', 'small-sample', 'retired', 'vetoed'];

/** S over one set of answers, with the counts shown beside it (src/domain/DOMAIN.md Scoring 6). */
export interface GroupScore {
  /** null when no answer was counted (shown as —, never 0). */
  score: number | null;
  /** Answers at a level with a score. */
  counted: number;
  /** Answers at a level without a score (不了解). */
  unknown: number;
}

export interface SurveyScores {
  score: number | null;
  byGroup: Record<string, GroupScore>;
  byDimension: Record<string, number | null>;
}

export interface UnitTally {
  unitId: string;
  name: string;
  rank: number | null;
  /** Rank among the units of its category, when the campaign ranks within categories. */
  categoryRank?: number | null;
  total: number | null;
  components: Record<string, number | null>;
  survey: SurveyScores;
  flags: Flag[];
  /** Its questionnaires (after amends and voids) by review state. */
  counts: UnitCounts;
}

/** Questionnaires of a unit: counted (never held, or accepted), held for review, excluded by the office. */
export interface UnitCounts {
  counted: number;
  held: number;
  excluded: number;
}

/** UnitCounts by unit id (units the campaign no longer names included: their held ones still make the tally provisional). */
export type ReviewCounts = Map<string, UnitCounts>;

/** The signed tally: it names the log size and root it was computed over. */
export interface Tally {
  campaignId: string;
  /** The campaign version the tally used, and H(that version's definition as served). */
  campaignVersion: number;
  campaignHash: string;
  computedAt: string;
  logSize: number;
  logRoot: string;
  /** True while any questionnaire of the campaign is held for the office's review. */
  provisional: boolean;
  units: UnitTally[];
}

/** The office's figures: manual parts per unit (0–100) and the special-task order for the bonus. */
export interface ManualScores {
  scores: Record<string, Record<string, number>>;
  bonusRanking: string[];
}

export const NO_MANUAL_SCORES: ManualScores = Object.freeze({ scores: {}, bonusRanking: [] }) as ManualScores;

/** What the tally needs of one effective questionnaire (an f2f record after amends, not voided). */
export interface F2fAnswer {
  unitId: string;
  raterGroup: string;
  overall: string;
  ratings: Record<string, string>;
}

/** Number of answers per scale key. */
export type LevelCounts = Map<string, number>;

/** The answers of one rater group about one unit, as counts per level. */
export interface GroupCounts {
  overall: LevelCounts;
  byDimension: Map<string, LevelCounts>;
}

/**
 * Counts per unit × rater group × level (overall) and per unit × group × dimension × level. Integer
 * counts make the tally independent of record order, and let the server feed rows grouped in SQL.
 */
export type Aggregate = Map<string, Map<string, GroupCounts>>;
