import { ZixflowHttpError, type ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

export class ZixflowNetworkError extends ZixflowHttpError {
  constructor(
    /** The system error code, e.g. ECONNREFUSED, ECONNRESET. */
    readonly causeCode: string | undefined,
    readonly outcome: SendOutcome,
    request?: ZixflowRequestInfo,
  ) {
    super(
      ZixflowErrorCode.Network,
      `Network error talking to Zixflow${causeCode ? ` (${causeCode})` : ''} (outcome: ${outcome})`,
      request,
    );
  }
}
