import type { ZixflowError } from '../errors/zixflow.error';

/**
 * Published as `zixflow.sms.send.failed` (`ZixflowEvent.SmsSendFailed`) when a send fails after validation
 * (HTTP error, timeout, abort...). The recipient is masked.
 */
export class SmsSendFailedEvent {
  constructor(
    /** The error the send rejected with; its `code` (and `outcome`, where present) says what happened. */
    readonly error: ZixflowError,
    /** e.g. `9198******10` */
    readonly recipient: string,
    /** `message` for a plain send, `template` for a template send. */
    readonly kind: 'message' | 'template',
    /** What the send carried in `postBackData`. */
    readonly postBackData: string | undefined,
    /** The id generated for the send (also on `error.sendId`). */
    readonly sendId: string,
    /** The named instance that made the send (`forRoot({ name })`); undefined for the unnamed instance. */
    readonly workspace?: string,
  ) {}
}
