import type { ZixflowError } from '../errors/zixflow.error';

/** Published as `zixflow.sms.send_failed` when a send fails after validation (HTTP, timeout, ...). */
export class SmsSendFailedEvent {
  constructor(
    readonly error: ZixflowError,
    /** e.g. `9198******10` */
    readonly recipient: string,
    readonly kind: 'message' | 'template',
    readonly postBackData: string | undefined,
  ) {}
}
