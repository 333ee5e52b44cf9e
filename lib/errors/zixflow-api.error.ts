import { ZixflowHttpError, type ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

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
  ) {
    super(code, message, request);
  }
}
