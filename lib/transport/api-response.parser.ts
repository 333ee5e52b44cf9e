import { ZixflowApiError } from '../errors/zixflow-api.error';
import type { ZixflowRequestInfo } from '../errors/zixflow-http.error';
import { redactSecrets } from '../utils/redact';

/** A 2xx body Zixflow marked as successful; `success` (current) or `status` (older responses). */
export interface ApiSuccessBody {
  message: string;
  request_id?: string;
  data?: unknown;
  [key: string]: unknown;
}

/** The API's `message` from any body, redacted, or undefined. */
export function apiMessageOf(data: unknown, secrets: readonly string[]): string | undefined {
  if (
    data !== null &&
    typeof data === 'object' &&
    typeof (data as { message?: unknown }).message === 'string'
  ) {
    return redactSecrets((data as { message: string }).message, secrets).slice(0, 500);
  }
  return undefined;
}

/** Accepts `{ success: true, ... }` and the older `{ status: true, ... }`; anything else is an API error. */
export function parseApiResponse(
  data: unknown,
  httpStatus: number,
  secrets: readonly string[],
  request: ZixflowRequestInfo,
): ApiSuccessBody {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ZixflowApiError(
      `Zixflow answered HTTP ${httpStatus} with a body that is not a JSON object`,
      httpStatus,
      undefined,
      request,
    );
  }
  const body = data as Record<string, unknown>;
  const ok = 'success' in body ? body.success : body.status;
  const message = apiMessageOf(body, secrets);
  if (ok !== true) {
    throw new ZixflowApiError(
      `Zixflow rejected the request${message ? `: ${message}` : ''}`,
      httpStatus,
      message,
      request,
    );
  }
  // The parsed body is ours alone (nothing else holds it): copy only when `message` must change.
  if (message !== undefined && message === body.message) return body as ApiSuccessBody;
  return { ...body, message: message ?? '' };
}
