/** Retry policy (`retry` option, or per send): only provably unsent requests are retried unless `unsafe`. */
export interface ZixflowRetryOptions {
  /** Total attempts including the first. Default 3; 1 disables retries. */
  maxAttempts?: number;
  /** First backoff step in ms (full jitter, doubled each attempt). Default 200. */
  baseDelayMs?: number;
  /** Cap on one backoff wait in ms. Default 5 000. */
  maxDelayMs?: number;
  /** Cap on a server's Retry-After in ms; a longer one is not waited for. Default 30 000. */
  maxRetryAfterMs?: number;
  /** No retry starts after this many ms from the first attempt. Default 30 000. */
  deadlineMs?: number;
  /**
   * Also retry failures whose outcome is unknown (timeouts or resets after the body was written, 5xx).
   * These may send the SMS twice. Default false.
   */
  unsafe?: boolean;
}
