/**
 * "Full jitter" backoff: a uniform whole number of ms in [0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))].
 * Spreading retries over the whole window keeps many clients from hammering the API in lockstep.
 * `attempt` is the 1-based attempt that just failed.
 */
export function fullJitterDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
  if (!(ceiling > 0)) return 0;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(r * (ceiling + 1)), Math.floor(ceiling));
}
