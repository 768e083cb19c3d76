/** The tally (src/domain/DOMAIN.md "Scoring"): pure functions shared by the server and the offline verifier. */
export * from './types';
export { satisfaction, weightedMean } from './satisfaction';
export { accumulate, addAnswer, addOverall, addRating, emptyAggregate } from './accumulate';
export { effectiveAnswers, type EffectiveF2f } from './effective';
export { unitSurvey } from './survey';
export { bonusPoints, unitComposite } from './composite';
export { rankByTotal } from './rank';
export { categoryRanks, questionnaires, unrankedFlags } from './standing';
export { computeTally, type TallyMeta } from './tally';
export { completionFigure, fillFromRectificationSchema, ManualReasonSchema, manualPartIds, manualScoresSchema, parseManualScores } from './manual';
export { compareTallies } from './compare';
export { compareYears, type EarlierResult, type UnitYears, type YearFlag, type YearsComparison, type YearTally } from './years';
export { reviewedAggregate } from './reviewed';
