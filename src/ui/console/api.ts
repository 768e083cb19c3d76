import type {
  Campaign,
  ConflictRow,
  Cursor,
  DataQuality,
  DeviceRow,
  EnrollmentCode,
  ExportFormat,
  Finding,
  IssueCodeRequest,
  LoggedOfficeAction,
  OpinionsAnswer,
  OpinionTagsRequest,
  ManualScores,
  ManualScoresVersion,
  Person,
  PublicationState,
  PublishAnswer,
  WithdrawAnswer,
  RectList,
  RecordFilter,
  RecordPage,
  ReviewDecisionRequest,
  ReviewListState,
  ReviewPage,
  ServerKey,
  SignedTally,
  UnitFeedbackPack,
} from './api-types';
import type { DrawRecord, ProgressAnswer, Quotas, RosterSavedAnswer } from '../../protocol/representatives-api';
import type { RosterPerson } from '../../domain/roster';

/**
 * The console's typed client for the office API. People sign in with a username and password and
 * the server keeps their session in an HttpOnly cookie, which the browser sends with every call
 * (`credentials: 'same-origin'`); the console never sees or stores a token. The admin bearer token
 * is for scripts only.
 */

/** `fetch` as the console uses it: injected so tests mock the network at this one boundary. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** An error answer of the API: `{error, message, …details}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True when the answer means the session is gone (expired, signed out elsewhere). */
export function isSignedOut(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}

export interface ConsoleApi {
  whoAmI(): Promise<Person | null>;
  signIn(username: string, password: string): Promise<Person>;
  signOut(): Promise<void>;
  campaigns(): Promise<Campaign[]>;
  devices(): Promise<DeviceRow[]>;
  revokeDevice(deviceId: string): Promise<void>;
  /** The stored chain conflicts of a device, both versions of each. */
  conflicts(deviceId: string): Promise<ConflictRow[]>;
  /** One page of office actions in log order (`after` a logIndex). */
  officeActions(after?: number | null, limit?: number): Promise<{ actions: LoggedOfficeAction[]; next: number | null }>;
  issueEnrollmentCode(req: IssueCodeRequest): Promise<EnrollmentCode>;
  /** One page of records by campaign, type and unit (the filters the server takes). */
  records(filter: RecordFilter, after?: Cursor | null, limit?: number): Promise<RecordPage>;
  /** An attachment's stored bytes (ciphertext when the attachment is sealed). */
  blob(sha256: string): Promise<Uint8Array>;
  tally(campaignId: string): Promise<SignedTally>;
  /** The office's current manual figures; empty when none were entered yet. */
  manualScores(campaignId: string): Promise<ManualScoresVersion>;
  /** Saves the manual figures as a new version (an office action), with the office's reason when it gives one. */
  putManualScores(campaignId: string, scores: ManualScores, reason?: string): Promise<void>;
  /** Fills a manual part of the units from their 整改 completion rates, with the reason (an office action). */
  fillManualFromRect(campaignId: string, fill: { part: string; units: string[]; reason: string }): Promise<ManualScoresVersion>;
  serverKey(): Promise<ServerKey>;
  dataQuality(campaignId: string): Promise<DataQuality>;
  /** Visit records with their amendments and void, sealed parts still encrypted. */
  findings(campaignId: string): Promise<Finding[]>;
  /** Every opinion, complaint and finding with the office's 甄别 (a finding's description still sealed). */
  opinions(campaignId: string): Promise<OpinionsAnswer>;
  /** Sets the 甄别 tags and note of opinions (an office action). */
  tagOpinions(campaignId: string, request: OpinionTagsRequest): Promise<number>;
  /** One page of questionnaires in a review state. */
  review(campaignId: string, state: ReviewListState, after?: number | null, limit?: number): Promise<ReviewPage>;
  /** Accepts or excludes questionnaires (always with a reason); answers how many it decided. */
  decide(campaignId: string, decision: ReviewDecisionRequest): Promise<number>;
  /** The feedback pack's print page or workbook, for one unit or all (a same-origin link, like exportUrl). */
  feedbackUrl(campaignId: string, format: 'html' | 'xlsx', unitId: string, opinions: 'verified' | 'all' | 'none'): string;
  /** The evidence archive (归档, a streamed ZIP): a same-origin link like exportUrl. */
  archiveUrl(campaignId: string): string;
  /** A same-origin link the browser downloads with the session cookie. */
  exportUrl(campaignId: string, format: ExportFormat): string;
  /** The 通报 of the campaign's signed tally: a page that prints on A4, or the .xlsx workbook. */
  reportUrl(campaignId: string, format: 'html' | 'xlsx'): string;
  /** The campaign's latest publication (公示), null before the first, and its withdrawal if it was withdrawn. */
  publication(campaignId: string): Promise<PublicationState>;
  /** Makes the current signed tally public (an office action). */
  publish(campaignId: string): Promise<PublishAnswer>;
  /** 撤回公示: takes the publication in force down, with the reason (an office action). */
  withdrawPublication(campaignId: string, reason: string): Promise<WithdrawAnswer>;
  /** The public page of a published campaign (no sign-in). */
  publicUrl(campaignId: string): string;
  /** The server's own state: its data disk's space and any store fault (GET /api/v1/admin/status). */
  serverStatus(): Promise<ServerStatus>;
  /** Every version of a campaign definition, oldest first. */
  campaignVersions(campaignId: string): Promise<CampaignVersionRow[]>;
  campaignVersion(campaignId: string, version: number): Promise<Campaign>;
  /** Saves a definition as a new version; `confirm` accepts a change that re-scores units. */
  putCampaign(campaign: Campaign, confirm?: boolean): Promise<{ version: number }>;
  /** 整改: the items of a campaign (overdue first) and the counts per unit. */
  rectifications(campaignId: string): Promise<RectList>;
  createRectification(
    campaignId: string,
    item: { unitId: string; problem: string; sources: string[]; measures?: string; responsible?: string; deadline: string },
  ): Promise<string>;
  /** Changes an open item's problem, measures, person responsible or deadline (an office action). */
  changeRectification(campaignId: string, itemId: string, change: Record<string, string | string[]>): Promise<void>;
  closeRectification(campaignId: string, itemId: string, reason: string): Promise<void>;
  /** 整改台账 as a workbook: a same-origin link like exportUrl. */
  rectWorkbookUrl(campaignId: string): string;
  /** Publishes every closed item on the public page (an office action); answers how many. */
  publishClosedRectifications(campaignId: string): Promise<{ count: number; publishedAt: string }>;
  /** A unit's evidence file, downloaded with the session cookie. */
  evidenceUrl(campaignId: string, sha256: string): string;
  /** A unit account: the campaigns that rate its unit. */
  unitCampaigns(): Promise<{ unitId: string; campaigns: { id: string; name: string; year: number; unitName: string }[] }>;
  /** A unit account: its own items. */
  unitRectifications(campaignId: string): Promise<RectList>;
  /** A unit account: uploads an evidence file (base64) and answers its sha256. */
  unitEvidence(campaignId: string, file: { mime: string; data: string }): Promise<{ sha256: string; bytes: number; mime: string }>;
  unitAnswer(campaignId: string, itemId: string, answer: Record<string, unknown>): Promise<void>;
  /** The accounts of the campaign's units (office admins). */
  unitAccounts(campaignId: string): Promise<Person[]>;
  /** Opens an account for a unit of the campaign (an office action). */
  createUnitAccount(campaignId: string, account: { username: string; unitId: string; password: string; displayName?: string }): Promise<Person>;
  /** A unit account: its own feedback pack (figures and the opinions the office verified). */
  unitFeedback(campaignId: string): Promise<UnitFeedbackPack>;
  /** The campaign's roster (代表库), contacts still sealed. */
  roster(campaignId: string): Promise<RosterPerson[]>;
  /** Replaces the roster (an office action); disqualified people's tablets are revoked at once. */
  putRoster(campaignId: string, people: RosterPerson[]): Promise<RosterSavedAnswer>;
  /** The campaign's draws, newest first. */
  draws(campaignId: string): Promise<DrawRecord[]>;
  /** Makes a draw with the seed shown beforehand (an office action). */
  draw(campaignId: string, seed: string, strata: Record<string, number>): Promise<DrawRecord>;
  /** The current signed log checkpoint: its root is the default seed of a draw. */
  checkpoint(): Promise<{ logSize: number; logRoot: string }>;
  quotas(campaignId: string): Promise<Quotas>;
  putQuotas(campaignId: string, quotas: Quotas): Promise<boolean>;
  progress(campaignId: string): Promise<ProgressAnswer>;
  /** The vetoes (一票否决) in force: unit id → reason (version 0: never set). */
  vetoes(campaignId: string): Promise<VetoesState>;
  /** Sets the whole map (a unit left out has its veto lifted); logged as an office action. */
  putVetoes(campaignId: string, vetoes: Record<string, string>): Promise<void>;
}

/** GET …/vetoes. */
export interface VetoesState {
  vetoes: Record<string, string>;
  version: number;
  setAt: string | null;
  setBy: string | null;
}

/** A row of GET …/versions. */
export interface CampaignVersionRow {
  version: number;
  at: string;
  actor: string;
  hash: string;
}

/** GET /api/v1/admin/status. */
export interface ServerStatus {
  storage: { freeBytes: number; totalBytes: number } | null;
  database: 'sqlite' | 'postgres';
  fault: 'storage-full' | 'unavailable' | null;
}

const enc = encodeURIComponent;

function query(params: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
  }
  const { error, message, ...details } = body;
  return new ApiError(
    res.status,
    typeof error === 'string' ? error : `http-${res.status}`,
    typeof message === 'string' ? message : res.statusText || `HTTP ${res.status}`,
    details,
  );
}

/** Makes the client over `fetchFn`; `base` is '' for the console served by the server itself. */
export function createConsoleApi(fetchFn: FetchLike, base = ''): ConsoleApi {
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    // Every change goes as JSON, even without a body: the server refuses a signed-in change that is
    // not (a cross-site form cannot send it).
    if (body !== undefined || (method !== 'GET' && method !== 'HEAD')) {
      init.body = JSON.stringify(body ?? {});
      init.headers = { ...init.headers, 'content-type': 'application/json' };
    }
    let res: Response;
    try {
      res = await fetchFn(base + path, init);
    } catch (e) {
      throw new ApiError(0, 'offline', e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw await errorOf(res);
    return res;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await (await call(method, path, body)).json()) as T;

  return {
    async whoAmI() {
      try {
        return (await json<{ person: Person }>('GET', '/api/v1/session')).person;
      } catch (e) {
        if (isSignedOut(e)) return null;
        throw e;
      }
    },
    async signIn(username, password) {
      return (await json<{ person: Person }>('POST', '/api/v1/session', { username, password })).person;
    },
    async signOut() {
      await call('DELETE', '/api/v1/session');
    },
    async campaigns() {
      return (await json<{ campaigns: Campaign[] }>('GET', '/api/v1/admin/campaigns')).campaigns;
    },
    async devices() {
      return (await json<{ devices: DeviceRow[] }>('GET', '/api/v1/admin/devices')).devices;
    },
    async revokeDevice(deviceId) {
      await call('POST', `/api/v1/admin/devices/${enc(deviceId)}/revoke`);
    },
    conflicts: async (deviceId) => (await json<{ conflicts: ConflictRow[] }>('GET', `/api/v1/admin/conflicts${query({ deviceId })}`)).conflicts,
    officeActions: (after, limit = 100) =>
      json<{ actions: LoggedOfficeAction[]; next: number | null }>('GET', `/api/v1/admin/office-actions${query({ after, limit })}`),
    issueEnrollmentCode: (req) => json<EnrollmentCode>('POST', '/api/v1/admin/enrollment-codes', req),
    records(filter, after, limit = 50) {
      // Collector and day are filtered by the page: the records route refuses unknown parameters.
      const q = query({ campaignId: filter.campaignId, type: filter.type, unitId: filter.unitId, after, limit });
      return json<RecordPage>('GET', `/api/v1/admin/records${q}`);
    },
    async blob(sha256) {
      const res = await call('GET', `/api/v1/admin/blobs/${enc(sha256)}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    tally: (campaignId) => json<SignedTally>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/tally`),
    async manualScores(campaignId) {
      try {
        return await json<ManualScoresVersion>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/manual-scores`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return { scores: {}, bonusRanking: [] };
        throw e;
      }
    },
    async putManualScores(campaignId, scores, reason) {
      await call('PUT', `/api/v1/admin/campaigns/${enc(campaignId)}/manual-scores`, reason ? { ...scores, reason } : scores);
    },
    fillManualFromRect(campaignId, fill) {
      return json<ManualScoresVersion>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/manual-scores/from-rectification`, fill);
    },
    serverKey: () => json<ServerKey>('GET', '/api/v1/server-key'),
    dataQuality: (campaignId) => json<DataQuality>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/data-quality`),
    async findings(campaignId) {
      return (await json<{ findings: Finding[] }>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/findings`)).findings;
    },
    opinions: (campaignId) => json<OpinionsAnswer>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/opinions`),
    async tagOpinions(campaignId, request) {
      return (await json<{ tagged: number }>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/opinions/tags`, request)).tagged;
    },
    serverStatus: () => json<ServerStatus>('GET', '/api/v1/admin/status'),
    campaignVersions: async (campaignId) =>
      (await json<{ versions: CampaignVersionRow[] }>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/versions`)).versions,
    campaignVersion: (campaignId, version) => json<Campaign>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/versions/${version}`),
    putCampaign: (campaign, confirm) =>
      json<{ version: number }>('PUT', `/api/v1/admin/campaigns/${enc(campaign.id)}${confirm ? '?confirm=rescore' : ''}`, campaign),
    rectifications: (campaignId) => json<RectList>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/rectifications`),
    createRectification: async (campaignId, item) => (await json<{ id: string }>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/rectifications`, item)).id,
    async changeRectification(campaignId, itemId, change) {
      await call('PATCH', `/api/v1/admin/campaigns/${enc(campaignId)}/rectifications/${enc(itemId)}`, change);
    },
    async closeRectification(campaignId, itemId, reason) {
      await call('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/rectifications/${enc(itemId)}/close`, { reason });
    },
    rectWorkbookUrl: (campaignId) => `${base}/api/v1/admin/campaigns/${enc(campaignId)}/rectifications?format=xlsx`,
    publishClosedRectifications: (campaignId) => json('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/rectifications/publish`, {}),
    evidenceUrl: (campaignId, sha256) => `${base}/api/v1/admin/campaigns/${enc(campaignId)}/rectifications/evidence/${enc(sha256)}`,
    unitCampaigns: () => json('GET', '/api/v1/unit/campaigns'),
    unitRectifications: (campaignId) => json<RectList>('GET', `/api/v1/unit/campaigns/${enc(campaignId)}/rectifications`),
    unitAccounts: async (campaignId) => (await json<{ accounts: Person[] }>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/unit-accounts`)).accounts,
    createUnitAccount: async (campaignId, account) =>
      (await json<{ person: Person }>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/unit-accounts`, account)).person,
    unitFeedback: (campaignId) => json<UnitFeedbackPack>('GET', `/api/v1/unit/campaigns/${enc(campaignId)}/feedback`),
    unitEvidence: (campaignId, file) => json('POST', `/api/v1/unit/campaigns/${enc(campaignId)}/evidence`, file),
    async unitAnswer(campaignId, itemId, answer) {
      await call('POST', `/api/v1/unit/campaigns/${enc(campaignId)}/rectifications/${enc(itemId)}/answers`, answer);
    },
    vetoes: (campaignId) => json<VetoesState>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/vetoes`),
    async putVetoes(campaignId, vetoes) {
      await call('PUT', `/api/v1/admin/campaigns/${enc(campaignId)}/vetoes`, { vetoes });
    },
    review: (campaignId, state, after, limit = 1000) =>
      json<ReviewPage>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/review${query({ state, after, limit })}`),
    async decide(campaignId, decision) {
      return (await json<{ decided: number }>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/review`, decision)).decided;
    },
    feedbackUrl: (campaignId, format, unitId, opinions) =>
      `${base}/api/v1/admin/campaigns/${enc(campaignId)}/feedback${query({ format, unit: unitId || undefined, opinions })}`,
    archiveUrl: (campaignId) => `${base}/api/v1/admin/campaigns/${enc(campaignId)}/archive`,
    roster: async (campaignId) => (await json<{ people: RosterPerson[] }>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/roster`)).people,
    putRoster: (campaignId, people) => json<RosterSavedAnswer>('PUT', `/api/v1/admin/campaigns/${enc(campaignId)}/roster`, { people }),
    draws: async (campaignId) => (await json<{ draws: DrawRecord[] }>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/draws`)).draws,
    async draw(campaignId, seed, strata) {
      const d = await json<Omit<DrawRecord, 'strata' | 'actor'>>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/draws`, { seed, strata });
      return { ...d, strata, actor: '' };
    },
    checkpoint: () => json<{ logSize: number; logRoot: string }>('GET', '/api/v1/log/checkpoint'),
    quotas: async (campaignId) => (await json<{ quotas: Quotas }>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/quotas`)).quotas,
    putQuotas: async (campaignId, quotas) => (await json<{ changed: boolean }>('PUT', `/api/v1/admin/campaigns/${enc(campaignId)}/quotas`, { quotas })).changed,
    progress: (campaignId) => json<ProgressAnswer>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/progress`),
    exportUrl: (campaignId, format) => `${base}/api/v1/admin/export${query({ campaignId, format })}`,
    reportUrl: (campaignId, format) => `${base}/api/v1/admin/campaigns/${enc(campaignId)}/report${query({ format })}`,
    publication: (campaignId) => json<PublicationState>('GET', `/api/v1/admin/campaigns/${enc(campaignId)}/publication`),
    withdrawPublication: (campaignId, reason) => json<WithdrawAnswer>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/publication/withdraw`, { reason }),
    publish: (campaignId) => json<PublishAnswer>('POST', `/api/v1/admin/campaigns/${enc(campaignId)}/publish`),
    publicUrl: (campaignId) => `${base}/public/campaigns/${enc(campaignId)}`,
  };
}
