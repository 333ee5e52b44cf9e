import { ZixflowApiError } from './zixflow-api.error';
import type { ZixflowRequestInfo } from './zixflow-http.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** 429. The request was not accepted, so it is safe to send again after `retryAfterMs`. */
export class ZixflowRateLimitError extends ZixflowApiError {
  constructor(
    /** From Retry-After (seconds or HTTP date); undefined when the header was absent or unreadable. */
    readonly retryAfterMs: number | undefined,
    apiMessage: string | undefined,
    request?: ZixflowRequestInfo,
  ) {
    super(
      `Zixflow rate limit hit (HTTP 429)${retryAfterMs !== undefined ? `, retry after ${retryAfterMs} ms` : ''}`,
      429,
      apiMessage,
      request,
      ZixflowErrorCode.RateLimited,
    );
  }
}
