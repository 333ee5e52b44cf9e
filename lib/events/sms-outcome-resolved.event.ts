/**
 * Published as `zixflow.sms.outcome.resolved` (`ZixflowEvent.SmsOutcomeResolved`) when a send that ended
 * `outcome: 'unknown'` is settled by the first postback naming it: Zixflow did queue it. Published once per
 * send, on the instance that received that postback (or the one that recorded the send, when the postback
 * came first).
 */
export class SmsOutcomeResolvedEvent {
  constructor(
    /** The `sendId` the send's error carried. */
    readonly sendId: string,
    /** Zixflow's `request_id` for the send, which its lost answer would have carried. */
    readonly requestId: string,
    /** The status of the postback that settled it. */
    readonly status: string,
    /** The named instance the send was made through (`forRoot({ name })`); undefined for the unnamed instance. */
    readonly workspace?: string,
  ) {}
}
