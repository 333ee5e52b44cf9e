import { ZixflowHttpError, type ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

/**
 * What an answer with `status` says about the SMS: a 4xx (429 included) or a readable `success: false` was
 * refused; a 5xx may have been processed; an unreadable 2xx may be a cut-off success.
 */
function outcomeOfStatus(status: number, apiMessage: string | undefined): SendOutcome {
  if (status >= 500) return 'unknown';
  if (status >= 200 && status < 300 && apiMessage === undefined) return 'unknown';
  return 'not_sent';
}

/** The API answered with a failure (non-2xx other than 401/403/429, `success: false`, or an unreadable body). */
export class ZixflowApiError extends ZixflowHttpError {
  constructor(
    message: string,
    /** HTTP status as received: a 2xx here means the body said `success: false` or could not be read. */
    readonly status: number,
    /** The API's own `message`, if it sent one. */
    readonly apiMessage: string | undefined,
    request?: ZixflowRequestInfo,
    code: ZixflowErrorCode = ZixflowErrorCode.ApiError,
    outcome: SendOutcome = outcomeOfStatus(status, apiMessage),
  ) {
    super(code, message, request, outcome);
  }
}
