/** Zixflow accepts the send: it resolves with this `requestId` (a random UUID when absent). */
export interface ZixflowAcceptedOutcome {
  /** Zixflow queued the SMS. */
  outcome: 'accepted';
  /** The `request_id` to answer with; a random UUID when absent. */
  requestId?: string;
}

/**
 * Zixflow refuses the send with an HTTP error, which SmsService turns into its usual typed error:
 * `AUTH` (401, or `status` 403) is a ZixflowAuthError, `RATE_LIMITED` (429) a ZixflowRateLimitError, `API_ERROR`
 * (`status`, default 400; 5xx too) a ZixflowApiError. The SMS is not sent (a 5xx says `outcome: 'unknown'`, as
 * the real module does). The module's retry policy applies: a 429 is retried, after `retryAfterSeconds` if set.
 */
export interface ZixflowRejectedOutcome {
  /** Zixflow refused the request. */
  outcome: 'rejected';
  /** The `code` of the error the send rejects with. */
  code: 'AUTH' | 'RATE_LIMITED' | 'API_ERROR';
  /** HTTP status: 401 or 403 for AUTH, 400 to 599 for API_ERROR (default 400); ignored for RATE_LIMITED. */
  status?: number;
  /** The API's `message` in the error body (it shows in the error's `apiMessage`). */
  message?: string;
  /** RATE_LIMITED only: the `Retry-After` header, in seconds. */
  retryAfterSeconds?: number;
}

/**
 * The request reached Zixflow but its answer was lost (a connection reset after the body was written): the
 * send rejects with ZixflowNetworkError, `outcome: 'unknown'`. The SMS did go out: a postback (see
 * `ZixflowTesting.deliverPostback({ sendId })`) can still arrive and `SmsService.resolveOutcome` settle it.
 */
export interface ZixflowUnknownOutcome {
  /** The answer was lost. */
  outcome: 'unknown';
  /** The request id Zixflow gave the lost answer (a random UUID when absent). */
  requestId?: string;
}

/** What ZixflowTestingModule answers a send with, set by `ZixflowTesting.scriptOutcome()`. */
export type ZixflowScriptedOutcome = ZixflowAcceptedOutcome | ZixflowRejectedOutcome | ZixflowUnknownOutcome;
