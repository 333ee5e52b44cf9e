import { Logger, type LoggerService } from '@nestjs/common';
import { ZIXFLOW_POSTBACK_LOGGER_CONTEXT } from '../zixflow-postback.constants';

/** Rejections are counted over this window, then summarised. */
export const POSTBACK_REJECTION_WINDOW_MS = 60_000;

/**
 * Logs refused postbacks so that strangers cannot set the log volume: within each minute, the first refusal of
 * each kind (status and reason, a small fixed set) is logged in full; when more came, one summary follows at
 * the end of that minute: `N rejected postbacks in the last minute: 401×a, 400×b`. At most a line per kind
 * plus one per minute, however many requests.
 */
export class PostbackRejectionLog {
  private readonly logged = new Set<string>();
  private readonly byStatus = new Map<number, number>();
  private total = 0;
  private unlogged = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly logger: Pick<LoggerService, 'warn'> = new Logger(ZIXFLOW_POSTBACK_LOGGER_CONTEXT),
  ) {}

  record(status: number, reason: string): void {
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), POSTBACK_REJECTION_WINDOW_MS);
      // A pending summary must not keep the process alive.
      this.timer.unref?.();
    }
    this.total++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    const kind = `${status} ${reason}`;
    if (this.logged.has(kind)) {
      this.unlogged++;
      return;
    }
    this.logged.add(kind);
    this.logger.warn(`Postback refused with ${status}: ${reason}`);
  }

  /** Ends the window: logs the summary if some refusals were not logged one by one. Also at shutdown. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.unlogged > 0) {
      const counts = [...this.byStatus]
        .sort(([a, countA], [b, countB]) => countB - countA || a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(', ');
      this.logger.warn(`${this.total} rejected postbacks in the last minute: ${counts}`);
    }
    this.logged.clear();
    this.byStatus.clear();
    this.total = 0;
    this.unlogged = 0;
  }
}
