import { Injectable, Logger } from '@nestjs/common';

/** At most one log line per this window, however often the store fails. */
export const STORE_FAILURE_LOG_WINDOW_MS = 60_000;

/**
 * Where the send side reports a store that failed (a pending send not recorded, a status not read): such a
 * failure never fails a send, so it must still be seen. Counted, and logged at most once per minute with
 * the number of failures since the last line.
 */
@Injectable()
export class StoreFailureLog {
  private readonly logger = new Logger('ZixflowStore');
  private failures = 0;
  private unlogged = 0;
  private lastLoggedAt = Number.NEGATIVE_INFINITY;

  /** Failures recorded since the application started. */
  get count(): number {
    return this.failures;
  }

  record(operation: string, error: unknown, now: number = Date.now()): void {
    this.failures++;
    if (now - this.lastLoggedAt < STORE_FAILURE_LOG_WINDOW_MS) {
      this.unlogged++;
      return;
    }
    const more = this.unlogged > 0 ? ` (${this.unlogged} more failures since the last report)` : '';
    this.lastLoggedAt = now;
    this.unlogged = 0;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`Zixflow store failed to ${operation}: ${reason}${more}`);
  }
}
