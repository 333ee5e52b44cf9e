import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowNetworkError } from '../errors/zixflow-network.error';
import { ZixflowTimeoutError } from '../errors/zixflow-timeout.error';

/**
 * Whether a failed attempt may still have made Zixflow send the SMS. Every ZixflowError says so in its
 * `outcome`; anything else counts as "maybe": only a provable non-delivery may make the final error `not_sent`.
 */
export function mayHaveBeenDelivered(error: unknown): boolean {
  return !(error instanceof ZixflowError) || error.outcome !== 'not_sent';
}

/**
 * Re-issues an error that says `not_sent` as `unknown`, for when an earlier attempt may have delivered.
 * The classes whose message names the outcome are rebuilt; others get the property replaced. Errors that
 * already say `unknown`, and errors that are not ours, are returned unchanged.
 */
export function asUnknownOutcome(error: unknown): unknown {
  if (!(error instanceof ZixflowError) || error.outcome !== 'not_sent') return error;
  if (error instanceof ZixflowNetworkError) {
    return new ZixflowNetworkError(error.causeCode, 'unknown', error.request);
  }
  if (error instanceof ZixflowTimeoutError) {
    return new ZixflowTimeoutError(error.timeoutMs, 'unknown', error.request);
  }
  if (error instanceof ZixflowAbortedError && error.constructor === ZixflowAbortedError) {
    return new ZixflowAbortedError('unknown');
  }
  Object.defineProperty(error, 'outcome', {
    value: 'unknown',
    enumerable: true,
    configurable: true,
    writable: false,
  });
  return error;
}
