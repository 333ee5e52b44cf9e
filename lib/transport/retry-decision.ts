import { ZixflowApiError } from '../errors/zixflow-api.error';
import { ZixflowAuthError } from '../errors/zixflow-auth.error';
import { ZixflowNetworkError } from '../errors/zixflow-network.error';
import { ZixflowRateLimitError } from '../errors/zixflow-rate-limit.error';
import { ZixflowTimeoutError } from '../errors/zixflow-timeout.error';
import { fullJitterDelay } from './backoff';
import type { ResolvedRetryOptions } from './retry-options';

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/** Why an error may be retried and after how long; a string is the reason it may not. */
function retryDelay(error: unknown, attempt: number, opts: ResolvedRetryOptions): number | string {
  const backoff = () => fullJitterDelay(attempt, opts.baseDelayMs, opts.maxDelayMs, opts.random);
  // Subclasses first: ZixflowRateLimitError and ZixflowAuthError both extend ZixflowApiError.
  if (error instanceof ZixflowRateLimitError) {
    if (error.retryAfterMs === undefined) return backoff();
    if (error.retryAfterMs > opts.maxRetryAfterMs) {
      return `Retry-After of ${error.retryAfterMs} ms exceeds maxRetryAfterMs (${opts.maxRetryAfterMs} ms)`;
    }
    return error.retryAfterMs;
  }
  if (error instanceof ZixflowAuthError) return 'credentials were refused';
  if (error instanceof ZixflowApiError) {
    if (error.status >= 500) {
      return opts.unsafe
        ? backoff()
        : `HTTP ${error.status}: Zixflow may have accepted the request (unsafe retries are off)`;
    }
    return error.status === 0
      ? 'Zixflow answered but did not accept the request'
      : `HTTP ${error.status} is not retryable`;
  }
  if (error instanceof ZixflowTimeoutError || error instanceof ZixflowNetworkError) {
    if (error.outcome === 'not_sent') return backoff();
    return opts.unsafe
      ? backoff()
      : 'the request may have reached Zixflow (outcome unknown; unsafe retries are off)';
  }
  return `${error instanceof Error ? error.name : typeof error} is not retryable`;
}

/**
 * Whether to try again after attempt number `attempt` (1-based) failed with `error`, `elapsedMs` after the first
 * attempt started. Pure: no clock, no timers; randomness comes from `opts.random`.
 * Only failures that provably did not deliver (429, not-sent network errors) are retried by default, because
 * Zixflow has no idempotency key: resending an accepted request sends the SMS twice.
 */
export function decideRetry(
  error: unknown,
  attempt: number,
  opts: ResolvedRetryOptions,
  elapsedMs: number,
): RetryDecision {
  const delay = retryDelay(error, attempt, opts);
  if (typeof delay === 'string') return { retry: false, reason: delay };
  if (attempt >= opts.maxAttempts)
    return { retry: false, reason: `maxAttempts (${opts.maxAttempts}) reached` };
  if (elapsedMs + delay > opts.deadlineMs) {
    return { retry: false, reason: `waiting ${delay} ms would pass the ${opts.deadlineMs} ms deadline` };
  }
  return { retry: true, delayMs: delay };
}
