/**
 * Published as `zixflow.sms.send.queued` (`ZixflowEvent.SmsQueued`) when Zixflow accepted a send. The
 * recipient is masked.
 */
export class SmsQueuedEvent {
  constructor(
    readonly requestId: string,
    /** e.g. `9198******10` */
    readonly recipient: string,
    readonly senderId: string,
    readonly route: string,
    /** SMS parts the message is billed as; undefined for dashboard templates (their text is not known here). */
    readonly segments: number | undefined,
    /** `message` for a plain send, `template` for a template send. */
    readonly kind: 'message' | 'template',
    readonly postBackData: string | undefined,
    readonly apiMessage: string,
  ) {}
}
