/**
 * The retry policy's public surface: options, the pure decision, Retry-After parsing and the executor.
 * Each lives in its own file; import from here.
 */
export { DEFAULT_RETRY_OPTIONS, resolveRetryOptions, type ResolvedRetryOptions } from './retry-options';
export { decideRetry, type RetryDecision } from './retry-decision';
export { parseRetryAfter } from './retry-after';
export { fullJitterDelay } from './backoff';
export { executeWithRetry, type RetryHooks } from './retry.executor';
