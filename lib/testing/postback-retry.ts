import type { SimulatorPostbackRetry } from './interfaces/simulator-postback-retry.interface';

/** Three retries, doubling: Zixflow's schedule (15 s to 48 h) compressed for tests. */
export const DEFAULT_POSTBACK_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200];

/** The retry delays, checked (a typo fails the test that made it); `false` retries nothing. */
export function resolvePostbackRetry(retry: SimulatorPostbackRetry | false | undefined): readonly number[] {
  if (retry === false) return [];
  const delays = retry?.delaysMs ?? DEFAULT_POSTBACK_RETRY_DELAYS_MS;
  if (!Array.isArray(delays)) throw new TypeError('postbackRetry.delaysMs must be an array of milliseconds');
  delays.forEach((ms, i) => {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new RangeError(`postbackRetry.delaysMs[${i}] must be a non-negative integer, got ${ms}`);
    }
  });
  return [...delays];
}

/** Zixflow retries what the receiver failed to take: a server error. */
export function shouldRetryPostback(status: number | undefined): boolean {
  return status !== undefined && status >= 500 && status <= 599;
}
