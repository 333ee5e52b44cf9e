/** Published as `zixflow.queue.completed` (`ZixflowQueueEvent.Completed`) when Zixflow accepted a job's send. */
export class SmsJobCompletedEvent {
  constructor(
    /** The BullMQ job id. */
    readonly jobId: string,
    /** Zixflow's `request_id`. */
    readonly requestId: string,
    /** The job's `sendId`, which its postbacks name. */
    readonly sendId: string,
  ) {}
}
