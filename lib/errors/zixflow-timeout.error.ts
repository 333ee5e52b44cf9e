import { ZixflowHttpError, type ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

/** No answer in time; `outcome` says whether the request was written before the time ran out. */
export class ZixflowTimeoutError extends ZixflowHttpError {
  constructor(
    readonly timeoutMs: number,
    outcome: SendOutcome,
    request?: ZixflowRequestInfo,
  ) {
    super(
      ZixflowErrorCode.Timeout,
      `Zixflow did not answer within ${timeoutMs} ms (outcome: ${outcome})`,
      request,
      outcome,
    );
  }
}
