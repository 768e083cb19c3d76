/**
 * Shapes of the office API as the console reads them: the answers are defined once in
 * src/protocol/office-api.ts, which the server's routes build; only the console's own request
 * filter is here. Types only: nothing here is loaded at run time.
 */
import type { Campaign } from '../../domain/campaign';
import type { PingyiRecord, RecordType } from '../../domain/records';
import type { ManualScores, Tally } from '../../domain/scoring/types';

export type { Campaign, ManualScores, PingyiRecord, RecordType, Tally };
export type {
  CollectorQuality,
  ConflictRow,
  ConflictVersion,
  Cursor,
  DataQuality,
  DeviceQuality,
  DeviceRole,
  DeviceRow,
  EnrollmentCode,
  LoggedOfficeAction,
  OpinionRow,
  OpinionsAnswer,
  OpinionTagsRequest,
  ExportFormat,
  Finding,
  IssueCodeRequest,
  ManualScoresAnswer as ManualScoresVersion,
  Person,
  PersonRole,
  PublicationState,
  PublishAnswer,
  WithdrawAnswer,
  RectItemView,
  RectList,
  QualityFlag,
  QualityOptions,
  ReceivedRecord,
  RecordPage,
  ReviewDecisionRequest,
  ReviewItem,
  ReviewListState,
  ReviewPage,
  ServerKeyAnswer as ServerKey,
  SignedTally,
} from '../../protocol/office-api';

export interface RecordFilter {
  campaignId: string;
  type?: RecordType | '';
  unitId?: string;
  collector?: string;
  /** A calendar day, YYYY-MM-DD, of the record's sealedAt. */
  day?: string;
}

/** What the unit console reads of its feedback pack (src/server/office/feedback.ts builds the whole of it). */
export interface UnitFeedbackPack {
  ranked: number;
  units: {
    unitId: string;
    name: string;
    rank: number | null;
    total: { value: number | null; average: number | null };
    opinions: { source: string; dimension: string; category: string; text: string; tags: string[]; note: string }[];
  }[];
}
