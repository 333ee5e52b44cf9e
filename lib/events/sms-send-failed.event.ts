import type { ZixflowError } from '../errors/zixflow.error';

/**
 * Published as `zixflow.sms.send.failed` (`ZixflowEvent.SmsSendFailed`) when a send fails after validation
 * (HTTP error, timeout, abort...). The recipient is masked.
 */
export class SmsSendFailedEvent {
  constructor(
    readonly error: ZixflowError,
    /** e.g. `9198******10` */
    readonly recipient: string,
    readonly kind: 'message' | 'template',
    readonly postBackData: string | undefined,
  ) {}
}
