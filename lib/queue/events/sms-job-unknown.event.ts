/**
 * Published as `zixflow.queue.unknown` (`ZixflowQueueEvent.Unknown`) when a job completed without knowing
 * whether its SMS went out. It is recorded pending in the store; its postback settles it
 * (`ZixflowEvent.SmsOutcomeResolved`, `SmsService.resolveOutcome(sendId)`).
 */
export class SmsJobUnknownEvent {
  constructor(
    /** The BullMQ job id. */
    readonly jobId: string,
    /** The job's `sendId`. */
    readonly sendId: string,
    /**
     * `send`: this attempt's request may have reached Zixflow (timeout, reset, 5xx). `redelivered`: BullMQ handed
     * out again a job whose ledger says `sending` (its worker died or lost its lock mid-send), not resent.
     */
    readonly reason: 'send' | 'redelivered',
  ) {}
}
