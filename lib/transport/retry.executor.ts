import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowHttpError } from '../errors/zixflow-http.error';
import { abortableDelay } from './abortable-delay';
import { asUnknownOutcome, mayHaveBeenDelivered } from './attempt-outcome';
import { decideRetry } from './retry-decision';
import type { ResolvedRetryOptions } from './retry-options';

export interface RetryHooks {
  /** Called before waiting `delayMs` to make attempt `attempt + 1`. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
  /** Ends a backoff wait early without counting as the caller's abort (shutdown): the last error is thrown. */
  stop?: AbortSignal;
}

/** Makes `request.attempts` equal the attempts actually made, whatever the attempt function put there. */
function withAttempts(error: unknown, attempts: number): unknown {
  if (error instanceof ZixflowHttpError && error.request && error.request.attempts !== attempts) {
    Object.defineProperty(error, 'request', {
      value: { ...error.request, attempts },
      enumerable: true,
      configurable: true,
      writable: false,
    });
  }
  return error;
}

function finalError(error: unknown, attempts: number, maybeDelivered: boolean): unknown {
  return withAttempts(maybeDelivered ? asUnknownOutcome(error) : error, attempts);
}

function abortedBetweenAttempts(lastError: unknown, maybeDelivered: boolean): ZixflowAbortedError {
  const aborted = new ZixflowAbortedError(maybeDelivered ? 'unknown' : 'not_sent');
  // Non-enumerable so toJSON/inspect stay as they are; the last attempt's error is there for debugging.
  Object.defineProperty(aborted, 'cause', {
    value: lastError,
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return aborted;
}

/** The caller's signal, the stop signal, or both (combined only here, on the rare backoff path). */
function waitSignal(signal: AbortSignal | undefined, stop: AbortSignal | undefined): AbortSignal | undefined {
  if (!stop) return signal;
  return signal ? AbortSignal.any([signal, stop]) : stop;
}

/**
 * Runs `attempt(1)`, `attempt(2)`, ... until one succeeds or decideRetry says stop, and throws the last error.
 * Build each attempt's errors with `attempts: n`. The thrown error never claims `not_sent` if any earlier attempt
 * may have delivered. Aborting `signal` during a backoff wait rejects at once with ZixflowAbortedError; aborting
 * during an attempt is up to the attempt function (pass the same signal to axios).
 */
export async function executeWithRetry<T>(
  attempt: (n: number) => Promise<T>,
  opts: ResolvedRetryOptions,
  signal?: AbortSignal,
  hooks?: RetryHooks,
): Promise<T> {
  const startedAt = performance.now();
  let maybeDelivered = false;
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw new ZixflowAbortedError(maybeDelivered ? 'unknown' : 'not_sent');
    try {
      return await attempt(n);
    } catch (error) {
      maybeDelivered ||= mayHaveBeenDelivered(error);
      const decision = decideRetry(error, n, opts, performance.now() - startedAt);
      if (!decision.retry) throw finalError(error, n, maybeDelivered);
      hooks?.onRetry?.(error, n, decision.delayMs);
      if (hooks?.stop?.aborted) throw finalError(error, n, maybeDelivered);
      try {
        await abortableDelay(decision.delayMs, waitSignal(signal, hooks?.stop));
      } catch {
        if (hooks?.stop?.aborted && !signal?.aborted) throw finalError(error, n, maybeDelivered);
        throw abortedBetweenAttempts(finalError(error, n, maybeDelivered), maybeDelivered);
      }
      if (signal?.aborted) throw abortedBetweenAttempts(finalError(error, n, maybeDelivered), maybeDelivered);
    }
  }
}
