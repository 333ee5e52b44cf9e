import { ZixflowApiError } from './zixflow-api.error';
import type { ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** 404 from a read: Zixflow has no such request id (or not yet: reports appear shortly after a send). */
export class ZixflowNotFoundError extends ZixflowApiError {
  constructor(what: string, apiMessage: string | undefined, request?: ZixflowRequestInfo) {
    super(
      `Zixflow has no ${what}${apiMessage ? `: ${apiMessage}` : ''}`,
      404,
      apiMessage,
      request,
      ZixflowErrorCode.NotFound,
    );
  }
}
