import { ZixflowApiError } from './zixflow-api.error';
import type { ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** 401/403: the API key or workspace id was refused. */
export class ZixflowAuthError extends ZixflowApiError {
  constructor(status: number, apiMessage: string | undefined, request?: ZixflowRequestInfo) {
    super(
      `Zixflow refused the credentials (HTTP ${status})${apiMessage ? `: ${apiMessage}` : ''}`,
      status,
      apiMessage,
      request,
      ZixflowErrorCode.Auth,
    );
  }
}
