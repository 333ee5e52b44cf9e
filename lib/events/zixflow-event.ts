/**
 * Event names published through EventEmitter2: listen with `@OnEvent(ZixflowEvent.SmsDelivered)`.
 *
 * Namespaces never overlap, whatever Zixflow sends:
 * - `zixflow.sms.send.<step>`: the send lifecycle (payloads `SmsQueuedEvent`, `SmsSendFailedEvent`);
 * - `zixflow.sms.outcome.resolved`: a send of unknown outcome settled by its postback
 *   (`SmsOutcomeResolvedEvent`);
 * - `zixflow.postback`: every accepted postback (payload `ZixflowPostbackEvent`);
 * - `zixflow.postback.<channel>.<status>`: the same postback by channel and status (see
 *   {@link postbackEventName}); the common ones are named here, any other status arrives under its own name.
 * - `zixflow.queue.*`: the queue's own namespace (`ZixflowQueueEvent` from `nestjs-zixflow/queue`: completed,
 *   failed, unknown jobs).
 *
 * Only postback events live under `zixflow.postback`, so a postback status can never take the name of another
 * event. With EventEmitter2 wildcards, `zixflow.sms.send.*` is every send event and `zixflow.postback.*.*`
 * every per-status postback event.
 */
export const ZixflowEvent = {
  /** Zixflow accepted a send (payload: `SmsQueuedEvent`). */
  SmsQueued: 'zixflow.sms.send.queued',
  /** A send failed after validation: HTTP error, timeout, abort... (payload: `SmsSendFailedEvent`). */
  SmsSendFailed: 'zixflow.sms.send.failed',
  /**
   * A send that ended `outcome: 'unknown'` was settled by its postback: Zixflow queued it (payload:
   * `SmsOutcomeResolvedEvent`). Once per send across every instance sharing the store.
   */
  SmsOutcomeResolved: 'zixflow.sms.outcome.resolved',
  /** Every accepted, non-duplicate postback, any channel and status (payload: `ZixflowPostbackEvent`). */
  Postback: 'zixflow.postback',
  /** SMS postback with status `delivered` (payload: `ZixflowPostbackEvent`). */
  SmsDelivered: 'zixflow.postback.sms.delivered',
  /** SMS postback with status `failed` (payload: `ZixflowPostbackEvent`). */
  SmsFailed: 'zixflow.postback.sms.failed',
  /** SMS postback with status `sent` (payload: `ZixflowPostbackEvent`). */
  SmsSent: 'zixflow.postback.sms.sent',
  /** SMS postback with status `rejected` (payload: `ZixflowPostbackEvent`). */
  SmsRejected: 'zixflow.postback.sms.rejected',
  /** SMS postback with status `expired` (payload: `ZixflowPostbackEvent`). */
  SmsExpired: 'zixflow.postback.sms.expired',
  /** SMS postback with status `undelivered` (payload: `ZixflowPostbackEvent`). */
  SmsUndelivered: 'zixflow.postback.sms.undelivered',
  /** WhatsApp postback with status `delivered` (payload: `ZixflowPostbackEvent`). */
  WhatsappDelivered: 'zixflow.postback.whatsapp.delivered',
  /** WhatsApp postback with status `read` (payload: `ZixflowPostbackEvent`). */
  WhatsappRead: 'zixflow.postback.whatsapp.read',
  /** WhatsApp postback with status `failed` (payload: `ZixflowPostbackEvent`). */
  WhatsappFailed: 'zixflow.postback.whatsapp.failed',
  /** RCS postback with status `delivered` (payload: `ZixflowPostbackEvent`). */
  RcsDelivered: 'zixflow.postback.rcs.delivered',
  /** RCS postback with status `read` (payload: `ZixflowPostbackEvent`). */
  RcsRead: 'zixflow.postback.rcs.read',
  /** RCS postback with status `failed` (payload: `ZixflowPostbackEvent`). */
  RcsFailed: 'zixflow.postback.rcs.failed',
  /** Email postback with status `delivered` (payload: `ZixflowPostbackEvent`). */
  EmailDelivered: 'zixflow.postback.email.delivered',
  /** Email postback with status `clicked` (payload: `ZixflowPostbackEvent`). */
  EmailClicked: 'zixflow.postback.email.clicked',
  /** Email postback with status `failed` (payload: `ZixflowPostbackEvent`). */
  EmailFailed: 'zixflow.postback.email.failed',
} as const;

/**
 * Any of the names in {@link ZixflowEvent}.
 */
export type ZixflowEventName = (typeof ZixflowEvent)[keyof typeof ZixflowEvent];

/**
 * Prefix of every per-status postback event; no other event name starts with it.
 */
export const POSTBACK_EVENT_PREFIX = `${ZixflowEvent.Postback}.`;

/**
 * Name of the per-status event of a postback: `zixflow.postback.<channel>.<status>`, channel and status
 * lowercased, e.g. `postbackEventName('SMS', 'DND')` is `zixflow.postback.sms.dnd`. Use it to listen to a
 * status that has no constant in {@link ZixflowEvent}. Postbacks whose channel or status is not a plain word
 * (letters, digits, `_`, `-`) are published only as `zixflow.postback`.
 */
export function postbackEventName(channel: string, status: string): string {
  return `${POSTBACK_EVENT_PREFIX}${channel.toLowerCase()}.${status.toLowerCase()}`;
}
