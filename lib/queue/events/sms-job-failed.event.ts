import type { ZixflowErrorCode } from '../../errors/zixflow-error-code.enum';
import type { SendOutcome } from '../../errors/send-outcome.type';

/**
 * Published as `zixflow.queue.failed` (`ZixflowQueueEvent.Failed`) when a job's attempt ended without the SMS
 * going out: refused (validation, auth, 4xx: `final`, never retried) or provably not sent (network before the
 * socket, 429, 5xx proven unprocessed: retried by BullMQ until its attempts run out).
 */
export class SmsJobFailedEvent {
  constructor(
    /** The BullMQ job id. */
    readonly jobId: string,
    /** The send error's stable code, e.g. `VALIDATION`, `RATE_LIMITED`. */
    readonly code: ZixflowErrorCode,
    /** Always `not_sent` here: unknown outcomes complete the job instead (`zixflow.queue.unknown`). */
    readonly outcome: SendOutcome,
    /** Attempts made so far, this one included. */
    readonly attemptsMade: number,
    /** True when BullMQ will not try the job again: it is in the failed state. */
    readonly final: boolean,
    /** The job's `sendId`. */
    readonly sendId?: string,
  ) {}
}
