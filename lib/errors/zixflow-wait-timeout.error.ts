import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** `waitForStatus` gave up: none of the awaited statuses arrived in time. */
export class ZixflowWaitTimeoutError extends ZixflowError {
  constructor(
    readonly requestId: string,
    readonly timeoutMs: number,
    /** The last status seen, if any. */
    readonly lastStatus: string | undefined,
  ) {
    super(
      ZixflowErrorCode.WaitTimeout,
      `No awaited status for request ${requestId} within ${timeoutMs} ms${lastStatus ? ` (last status: ${lastStatus})` : ''}`,
    );
  }
}
