/**
 * Event names published through EventEmitter2. Listen with `@OnEvent(ZixflowEvent.SmsDelivered)`.
 * Postback events are `zixflow.<channel>.<status>`; the common ones are named here, any other
 * status arrives under its own name and always under `Postback`.
 */
export const ZixflowEvent = {
  /** Zixflow accepted a send (payload: SmsQueuedEvent). */
  SmsQueued: 'zixflow.sms.queued',
  /** A send failed for good (payload: SmsSendFailedEvent). */
  SmsSendFailed: 'zixflow.sms.send_failed',
  /** Every accepted postback, any channel and status (payload: ZixflowPostbackEvent). */
  Postback: 'zixflow.postback',
  SmsDelivered: 'zixflow.sms.delivered',
  SmsFailed: 'zixflow.sms.failed',
  SmsSent: 'zixflow.sms.sent',
  SmsRejected: 'zixflow.sms.rejected',
  SmsExpired: 'zixflow.sms.expired',
  SmsUndelivered: 'zixflow.sms.undelivered',
  WhatsappDelivered: 'zixflow.whatsapp.delivered',
  WhatsappRead: 'zixflow.whatsapp.read',
  WhatsappFailed: 'zixflow.whatsapp.failed',
  RcsDelivered: 'zixflow.rcs.delivered',
  RcsRead: 'zixflow.rcs.read',
  RcsFailed: 'zixflow.rcs.failed',
  EmailDelivered: 'zixflow.email.delivered',
  EmailClicked: 'zixflow.email.clicked',
  EmailFailed: 'zixflow.email.failed',
} as const;

export type ZixflowEventName = (typeof ZixflowEvent)[keyof typeof ZixflowEvent];

/** Name of the per-status event for a postback; channel and status are lowercased. */
export function postbackEventName(channel: string, status: string): string {
  return `zixflow.${channel.toLowerCase()}.${status.toLowerCase()}`;
}
