/**
 * Published as `zixflow.sms.send.queued` (`ZixflowEvent.SmsQueued`) when Zixflow accepted a send. The
 * recipient is masked.
 */
export class SmsQueuedEvent {
  constructor(
    /** Zixflow's `request_id` for the send: the key its postbacks and delivery report carry. */
    readonly requestId: string,
    /** e.g. `9198******10` */
    readonly recipient: string,
    /** The sender id the send went out with (its own or `defaults.senderId`). */
    readonly senderId: string,
    /** The route the send went out with: `promotional`, `transactional` or `otp`. */
    readonly route: string,
    /** SMS parts the message is billed as; undefined for dashboard templates (their text is not known here). */
    readonly segments: number | undefined,
    /** `message` for a plain send, `template` for a template send. */
    readonly kind: 'message' | 'template',
    /** What the send carried in `postBackData`, echoed back in its postbacks. */
    readonly postBackData: string | undefined,
    /** Zixflow's answer, e.g. `SMS request queued successfully`. */
    readonly apiMessage: string,
    /** The id generated for the send (`SmsSendResult.sendId`), which its postbacks name. */
    readonly sendId: string,
    /** The named instance that made the send (`forRoot({ name })`); undefined for the unnamed instance. */
    readonly workspace?: string,
  ) {}
}
