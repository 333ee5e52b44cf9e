import { isAxiosError, isCancel } from 'axios';
import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowApiError } from '../errors/zixflow-api.error';
import { ZixflowAuthError } from '../errors/zixflow-auth.error';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowInternalError } from '../errors/zixflow-internal.error';
import type { ZixflowRequestInfo } from '../errors/zixflow-http.error';
import { ZixflowNetworkError } from '../errors/zixflow-network.error';
import { ZixflowRateLimitError } from '../errors/zixflow-rate-limit.error';
import { ZixflowTimeoutError } from '../errors/zixflow-timeout.error';
import type { SendOutcome } from '../errors/send-outcome.type';
import { apiMessageOf } from './api-response.parser';
import { wasRequestSent } from './request-sent';
import { parseRetryAfter } from './retry-after';
import { redactSecrets } from '../utils/redact';

/** Failures that happen before a connection exists: the request cannot have reached Zixflow. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function systemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_BAD_RESPONSE' && code !== 'ERR_BAD_REQUEST') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function outcomeOf(error: unknown, code: string | undefined): SendOutcome {
  const sent = wasRequestSent(error);
  if (sent === false) return 'not_sent';
  if (sent === undefined && code !== undefined && NOT_SENT_CODES.has(code)) return 'not_sent';
  return 'unknown';
}

/**
 * A failure of the transport (anything axios raised, a cancel, a system or undici error code) rather than
 * a bug or a value thrown by an interceptor or a mocked HTTP service. Node's own `ERR_*` codes are bugs
 * (an invalid argument), not network failures.
 */
function isTransportFailure(error: unknown, code: string | undefined): boolean {
  return isAxiosError(error) || isCancel(error) || (code !== undefined && !code.startsWith('ERR_'));
}

/**
 * Turns whatever an attempt threw into one of our typed errors. Only status, the API's (redacted) message and
 * system error codes are copied: the axios error itself holds the request headers, so it is dropped here.
 * What is not a transport failure becomes ZixflowInternalError (code INTERNAL).
 */
export function mapAxiosError(
  error: unknown,
  request: ZixflowRequestInfo,
  secrets: readonly string[],
  timeoutMs: number,
  signal?: AbortSignal,
): ZixflowError {
  if (isAxiosError(error) && error.response) {
    const { status, data, headers } = error.response;
    const apiMessage = apiMessageOf(data, secrets);
    if (status === 401 || status === 403) return new ZixflowAuthError(status, apiMessage, request);
    if (status === 429) {
      const header = headers?.['retry-after'];
      return new ZixflowRateLimitError(
        parseRetryAfter(typeof header === 'string' ? header : undefined),
        apiMessage,
        request,
      );
    }
    return new ZixflowApiError(
      `Zixflow API error (HTTP ${status})${apiMessage ? `: ${apiMessage}` : ''}`,
      status,
      apiMessage,
      request,
    );
  }
  if (error instanceof ZixflowError) return error;
  const code = systemCode(error);
  if (!isTransportFailure(error, code) && !signal?.aborted) {
    // Not the network: say so, with a sanitized cause. `not_sent` only when marked before the hand-off.
    return new ZixflowInternalError(error, wasRequestSent(error) === false ? 'not_sent' : 'unknown', (text) =>
      redactSecrets(text, secrets),
    );
  }
  if (isCancel(error) || signal?.aborted) return new ZixflowAbortedError(outcomeOf(error, code));
  const message = error instanceof Error ? error.message : '';
  if (
    code === 'ETIMEDOUT' ||
    (code === 'ECONNABORTED' && /timeout/i.test(message)) ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new ZixflowTimeoutError(timeoutMs, outcomeOf(error, code), request);
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new ZixflowTimeoutError(timeoutMs, 'not_sent', request);
  return new ZixflowNetworkError(code, outcomeOf(error, code), request);
}
