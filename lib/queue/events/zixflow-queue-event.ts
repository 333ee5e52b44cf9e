/**
 * Names of the queue's events, under its own namespace `zixflow.queue.*`; listen with
 * `@OnEvent(ZixflowQueueEvent.Completed)`. Published by the instance whose worker processed the job.
 */
export const ZixflowQueueEvent = {
  /** Zixflow accepted a job's send (payload: `SmsJobCompletedEvent`). */
  Completed: 'zixflow.queue.completed',
  /**
   * A job's send was refused or provably did not go out (payload: `SmsJobFailedEvent`); `final` says whether
   * BullMQ will try it again.
   */
  Failed: 'zixflow.queue.failed',
  /** A job completed without knowing whether its SMS went out (payload: `SmsJobUnknownEvent`). */
  Unknown: 'zixflow.queue.unknown',
} as const;
