import { ZixflowConfigError } from '../errors/zixflow-config.error';
import type { ZixflowRetryOptions } from '../interfaces/zixflow-retry-options.interface';

/** Retry options with every default filled in, plus the random source (injectable for tests). */
export interface ResolvedRetryOptions extends Required<ZixflowRetryOptions> {
  /** Returns a number in [0, 1); Math.random unless a test injects its own. */
  random: () => number;
}

export const DEFAULT_RETRY_OPTIONS: Readonly<Required<ZixflowRetryOptions>> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 30000,
  deadlineMs: 30000,
  unsafe: false,
});

const NUMERIC_KEYS = ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'deadlineMs'] as const;

/** The first of the three that is not undefined: an undefined field does not erase the one beneath it. */
function first<T>(override: T | undefined, option: T | undefined, fallback: T): T {
  if (override !== undefined) return override;
  return option !== undefined ? option : fallback;
}

/**
 * Defaults, then module options, then a per-request override (undefined fields do not erase).
 * Throws ZixflowConfigError for values that would make the loop meaningless (NaN, negative, 0 attempts).
 */
export function resolveRetryOptions(
  opts?: ZixflowRetryOptions,
  override?: Partial<ZixflowRetryOptions>,
): ResolvedRetryOptions {
  // One literal, every field named: the queue resolves a per-request override on every job.
  const merged: ResolvedRetryOptions = {
    maxAttempts: first(override?.maxAttempts, opts?.maxAttempts, DEFAULT_RETRY_OPTIONS.maxAttempts),
    baseDelayMs: first(override?.baseDelayMs, opts?.baseDelayMs, DEFAULT_RETRY_OPTIONS.baseDelayMs),
    maxDelayMs: first(override?.maxDelayMs, opts?.maxDelayMs, DEFAULT_RETRY_OPTIONS.maxDelayMs),
    maxRetryAfterMs: first(
      override?.maxRetryAfterMs,
      opts?.maxRetryAfterMs,
      DEFAULT_RETRY_OPTIONS.maxRetryAfterMs,
    ),
    deadlineMs: first(override?.deadlineMs, opts?.deadlineMs, DEFAULT_RETRY_OPTIONS.deadlineMs),
    unsafe: first(override?.unsafe, opts?.unsafe, DEFAULT_RETRY_OPTIONS.unsafe),
    random: Math.random,
  };
  const problems: string[] = [];
  for (const key of NUMERIC_KEYS) {
    const value = merged[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(`retry.${key} must be a finite number >= 0`);
    }
  }
  if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1) {
    problems.push('retry.maxAttempts must be an integer >= 1');
  }
  if (typeof merged.unsafe !== 'boolean') problems.push('retry.unsafe must be a boolean');
  if (problems.length > 0) throw new ZixflowConfigError(problems);
  return merged;
}
