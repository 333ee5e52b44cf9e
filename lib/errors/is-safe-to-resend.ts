import { ZixflowError } from './zixflow.error';

/**
 * "May I send this SMS again without risking a duplicate?" True only when `error` is a ZixflowError whose
 * `outcome` is `not_sent`: refused by Zixflow (4xx, 429, `success: false`), rejected before any request
 * (validation, shutdown), or failed before the request reached a socket. False for anything that may have
 * gone out (`outcome: 'unknown'`: timeouts or resets after the request was written, 5xx) and for errors
 * that are not ours. Safe is not the same as useful: a VALIDATION or AUTH error will fail again unchanged.
 */
export function isSafeToResend(error: unknown): boolean {
  return error instanceof ZixflowError && error.outcome === 'not_sent';
}
