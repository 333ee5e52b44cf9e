import { ZixflowHttpError, type ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

/** The connection failed (refused, reset, DNS, ...); `outcome` says whether the request was written. */
export class ZixflowNetworkError extends ZixflowHttpError {
  constructor(
    /** The system error code, e.g. ECONNREFUSED, ECONNRESET. */
    readonly causeCode: string | undefined,
    outcome: SendOutcome,
    request?: ZixflowRequestInfo,
  ) {
    super(
      ZixflowErrorCode.Network,
      `Network error talking to Zixflow${causeCode ? ` (${causeCode})` : ''} (outcome: ${outcome})`,
      request,
      outcome,
    );
  }
}
