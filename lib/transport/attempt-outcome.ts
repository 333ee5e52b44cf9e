import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowApiError } from '../errors/zixflow-api.error';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowNetworkError } from '../errors/zixflow-network.error';
import { ZixflowTimeoutError } from '../errors/zixflow-timeout.error';

/**
 * Whether a failed attempt may still have made Zixflow send the SMS. Unknown errors count as "maybe":
 * only a provable non-delivery is allowed to make the final error say `not_sent`.
 */
export function mayHaveBeenDelivered(error: unknown): boolean {
  if (
    error instanceof ZixflowNetworkError ||
    error instanceof ZixflowTimeoutError ||
    error instanceof ZixflowAbortedError
  ) {
    return error.outcome !== 'not_sent';
  }
  // 429 and other 4xx: refused. 5xx: may have been processed. A 2xx failed either because the body said
  // `success: false` (refused, with the API's message) or because it was unreadable (may be a cut-off success).
  if (error instanceof ZixflowApiError) {
    const unreadable2xx = error.status >= 200 && error.status < 300 && error.apiMessage === undefined;
    return error.status >= 500 || unreadable2xx;
  }
  // Validation, config, shutting down: raised before any request.
  if (error instanceof ZixflowError) return false;
  return true;
}

/**
 * Re-issues an error that says `not_sent` as `unknown`, for when an earlier attempt may have delivered.
 * Other errors are returned unchanged.
 */
export function asUnknownOutcome(error: unknown): unknown {
  if (error instanceof ZixflowNetworkError && error.outcome === 'not_sent') {
    return new ZixflowNetworkError(error.causeCode, 'unknown', error.request);
  }
  if (error instanceof ZixflowTimeoutError && error.outcome === 'not_sent') {
    return new ZixflowTimeoutError(error.timeoutMs, 'unknown', error.request);
  }
  if (error instanceof ZixflowAbortedError && error.outcome === 'not_sent') {
    return new ZixflowAbortedError('unknown');
  }
  return error;
}
