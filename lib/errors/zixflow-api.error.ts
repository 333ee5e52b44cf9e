import { ZixflowHttpError, type ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** The API answered with a failure (non-2xx other than 401/403/429, `success: false`, or an unreadable body). */
export class ZixflowApiError extends ZixflowHttpError {
  constructor(
    message: string,
    /** HTTP status; 0 when the status was 2xx but the body said `success: false` or was unreadable. */
    readonly status: number,
    /** The API's own `message`, if it sent one. */
    readonly apiMessage: string | undefined,
    request?: ZixflowRequestInfo,
    code: ZixflowErrorCode = ZixflowErrorCode.ApiError,
  ) {
    super(code, message, request);
  }
}
