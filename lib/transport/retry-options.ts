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
const KEYS = [...NUMERIC_KEYS, 'unsafe'] as const;

function pickDefined(source: Partial<ZixflowRetryOptions> | undefined): Partial<ZixflowRetryOptions> {
  const out: Record<string, unknown> = {};
  if (!source) return out;
  // A request's own retry options are resolved per request: one read per key, no array or object per key.
  for (const key of KEYS) {
    const value = source[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Defaults, then module options, then a per-request override (undefined fields do not erase).
 * Throws ZixflowConfigError for values that would make the loop meaningless (NaN, negative, 0 attempts).
 */
export function resolveRetryOptions(
  opts?: ZixflowRetryOptions,
  override?: Partial<ZixflowRetryOptions>,
): ResolvedRetryOptions {
  const merged = { ...DEFAULT_RETRY_OPTIONS, ...pickDefined(opts), ...pickDefined(override) };
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
  return { ...merged, random: Math.random };
}
