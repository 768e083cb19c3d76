/** Every error code of PROTOCOL.md with its HTTP status. Answers are `{error, message, …details}`. */
export const ERROR_STATUS = {
  'too-large': 413,
  malformed: 400,
  'unknown-device': 401,
  'revoked-device': 403,
  'bad-signature': 401,
  'bad-chain': 422,
  'chain-gap': 409,
  'chain-conflict': 409,
  'invalid-record': 422,
  'missing-blobs': 422,
  'hash-mismatch': 422,
  'range-mismatch': 409,
  'invalid-decision': 422,
  'invalid-roster': 422,
  'invalid-draw': 422,
  'invalid-quotas': 422,
  'unknown-person': 422,
  'person-not-eligible': 409,
  'invalid-item': 422,
  'item-closed': 409,
  'unknown-code': 404,
  'code-used': 409,
  'code-expired': 410,
  'unit-in-use': 409,
  'rescore-needs-confirm': 409,
  'tally-provisional': 409,
  unauthorized: 401,
  'not-found': 404,
  'rate-limited': 429,
  'bad-origin': 403,
  'quota-exceeded': 413,
  unavailable: 503,
  'storage-full': 507,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error answer. */
export interface ErrorAnswer {
  error: ErrorCode;
  message: string;
  [detail: string]: unknown;
}
