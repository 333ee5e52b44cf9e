import { inspect } from 'node:util';
import {
  AxiosError,
  AxiosHeaders,
  CanceledError,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import {
  ZixflowAbortedError,
  ZixflowApiError,
  ZixflowAuthError,
  ZixflowNetworkError,
  ZixflowRateLimitError,
  ZixflowTimeoutError,
} from '../../../lib/errors';
import { parseApiResponse } from '../../../lib/transport/api-response.parser';
import { mapAxiosError } from '../../../lib/transport/axios-error.mapper';
import { markRequestSent } from '../../../lib/transport/request-sent';

const KEY = 'sk_unit_SECRET_KEY';
const WORKSPACE = 'ws_unit_secret';
const SECRETS = [KEY, WORKSPACE];
const REQUEST = { method: 'POST', path: '/api/ingest/sms/v1/message/send', attempts: 1 };

function config(): InternalAxiosRequestConfig {
  return { headers: new AxiosHeaders({ 'x-api-key': KEY, 'x-workspace-id': WORKSPACE }), url: '/x' };
}

function httpError(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const response = { status, statusText: '', data, headers, config: config() } as AxiosResponse;
  return new AxiosError(
    `Request failed with status code ${status}`,
    'ERR_BAD_RESPONSE',
    config(),
    {},
    response,
  );
}

function expectNoSecrets(value: unknown): void {
  for (const text of [
    String((value as Error).message),
    JSON.stringify(value),
    inspect(value, { depth: 10 }),
  ]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(WORKSPACE);
  }
}

describe('parseApiResponse', () => {
  it('accepts the documented shape', () => {
    expect(
      parseApiResponse(
        { success: true, message: 'SMS request queued successfully', request_id: 'r1' },
        200,
        SECRETS,
        REQUEST,
      ),
    ).toMatchObject({
      message: 'SMS request queued successfully',
      request_id: 'r1',
    });
  });

  it('accepts the older { status, message } shape', () => {
    expect(
      parseApiResponse({ status: true, message: 'queued', request_id: 'r2' }, 200, SECRETS, REQUEST),
    ).toMatchObject({
      message: 'queued',
      request_id: 'r2',
    });
  });

  it.each([
    [{ success: false, message: 'Insufficient credits' }, 'Insufficient credits'],
    [{ status: false, message: 'Invalid sender' }, 'Invalid sender'],
    [{ message: 'neither flag' }, 'neither flag'],
  ])('treats %j as an API error even with HTTP 200', (body, apiMessage) => {
    const error = (() => {
      try {
        parseApiResponse(body, 200, SECRETS, REQUEST);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ZixflowApiError);
    expect(error).toMatchObject({ code: 'API_ERROR', status: 200, apiMessage });
  });

  it.each(['<html>bad gateway</html>', null, [1, 2], 42])(
    'rejects a body that is not an object: %j',
    (body) => {
      expect(() => parseApiResponse(body, 200, SECRETS, REQUEST)).toThrow(ZixflowApiError);
    },
  );

  it('redacts credentials the API echoes in its message', () => {
    try {
      parseApiResponse({ success: false, message: `bad key ${KEY} for ${WORKSPACE}` }, 200, SECRETS, REQUEST);
    } catch (error) {
      expect((error as ZixflowApiError).apiMessage).toBe('bad key [REDACTED] for [REDACTED]');
      expectNoSecrets(error);
    }
    expect.assertions(7);
  });
});

describe('mapAxiosError', () => {
  it.each([
    [401, ZixflowAuthError, 'AUTH'],
    [403, ZixflowAuthError, 'AUTH'],
    [400, ZixflowApiError, 'API_ERROR'],
    [404, ZixflowApiError, 'API_ERROR'],
    [500, ZixflowApiError, 'API_ERROR'],
    [503, ZixflowApiError, 'API_ERROR'],
  ])('maps HTTP %i to %p', (status, errorClass, code) => {
    const mapped = mapAxiosError(
      httpError(status, { success: false, message: 'nope' }),
      REQUEST,
      SECRETS,
      1000,
    );
    expect(mapped).toBeInstanceOf(errorClass);
    expect(mapped).toMatchObject({ code, status, apiMessage: 'nope', request: REQUEST });
    expectNoSecrets(mapped);
  });

  it.each([
    ['3', 3000],
    [undefined, undefined],
    ['soon', undefined],
  ])('maps 429 with Retry-After %p to retryAfterMs %p', (header, retryAfterMs) => {
    const mapped = mapAxiosError(
      httpError(429, {}, header === undefined ? {} : { 'retry-after': header }),
      REQUEST,
      SECRETS,
      1000,
    );
    expect(mapped).toBeInstanceOf(ZixflowRateLimitError);
    expect(mapped).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs });
  });

  it('maps a timeout after the request was written to TIMEOUT with an unknown outcome', () => {
    const error = markRequestSent(
      new AxiosError('timeout of 1000ms exceeded', 'ECONNABORTED', config()),
      true,
    );
    const mapped = mapAxiosError(error, REQUEST, SECRETS, 1000);
    expect(mapped).toBeInstanceOf(ZixflowTimeoutError);
    expect(mapped).toMatchObject({ code: 'TIMEOUT', outcome: 'unknown', timeoutMs: 1000 });
    expectNoSecrets(mapped);
  });

  it('maps connection refused to NETWORK with outcome not_sent', () => {
    const mapped = mapAxiosError(
      new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', config()),
      REQUEST,
      SECRETS,
      1000,
    );
    expect(mapped).toBeInstanceOf(ZixflowNetworkError);
    expect(mapped).toMatchObject({ code: 'NETWORK', causeCode: 'ECONNREFUSED', outcome: 'not_sent' });
  });

  it('maps a reset whose sending is unknown to NETWORK with outcome unknown', () => {
    const mapped = mapAxiosError(
      new AxiosError('socket hang up', 'ECONNRESET', config()),
      REQUEST,
      SECRETS,
      1000,
    );
    expect(mapped).toMatchObject({ code: 'NETWORK', causeCode: 'ECONNRESET', outcome: 'unknown' });
  });

  it('maps a cancellation to ABORTED', () => {
    const mapped = mapAxiosError(new CanceledError(undefined, undefined, config()), REQUEST, SECRETS, 1000);
    expect(mapped).toBeInstanceOf(ZixflowAbortedError);
  });
});
