import { ZixflowValidationError } from '../../errors/zixflow-validation.error';
import { DEFAULT_BULK_CONCURRENCY } from './bulk-send.constants';

/** The concurrency to use; a caller's bad value is an error rather than a silent default. */
export function resolveBulkConcurrency(value: number | undefined): number {
  if (value === undefined) return DEFAULT_BULK_CONCURRENCY;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ZixflowValidationError(
      [{ field: 'concurrency', reasons: ['concurrency must be an integer >= 1'] }],
      `Invalid bulk send options: concurrency must be an integer >= 1, got ${String(value)}`,
    );
  }
  return value;
}
