import { inspect } from 'node:util';
import { AxiosError } from 'axios';
import {
  ZixflowAbortedError,
  ZixflowApiError,
  ZixflowAuthError,
  ZixflowConfigError,
  ZixflowError,
  ZixflowErrorCode,
  ZixflowInternalError,
  ZixflowNetworkError,
  ZixflowNotFoundError,
  ZixflowRateLimitError,
  ZixflowShuttingDownError,
  ZixflowTimeoutError,
  ZixflowValidationError,
  isSafeToResend,
  type SendOutcome,
} from '../../../lib/errors';
import { asUnknownOutcome, mayHaveBeenDelivered } from '../../../lib/transport/attempt-outcome';
import { mapAxiosError } from '../../../lib/transport/axios-error.mapper';
import { markRequestSent } from '../../../lib/transport/request-sent';

const request = { method: 'POST', path: '/api/ingest/sms/v1/message/send', attempts: 1 };
const SECRET = 'sk_live_DO_NOT_LOG_123';

describe('outcome on every error', () => {
  const cases: Array<[string, ZixflowError, SendOutcome]> = [
    ['VALIDATION', new ZixflowValidationError([{ field: 'recipient', reasons: ['bad'] }]), 'not_sent'],
    ['CONFIG', new ZixflowConfigError(['apiKey is required']), 'not_sent'],
    ['AUTH 401', new ZixflowAuthError(401, 'bad key', request), 'not_sent'],
    ['RATE_LIMITED', new ZixflowRateLimitError(1000, undefined, request), 'not_sent'],
    ['API_ERROR 400', new ZixflowApiError('x', 400, 'bad', request), 'not_sent'],
    ['API_ERROR 200 success:false', new ZixflowApiError('x', 200, 'no credits', request), 'not_sent'],
    ['API_ERROR 200 unreadable', new ZixflowApiError('x', 200, undefined, request), 'unknown'],
    ['API_ERROR 500', new ZixflowApiError('x', 500, 'boom', request), 'unknown'],
    ['API_ERROR 3xx', new ZixflowApiError('x', 302, undefined, request), 'not_sent'],
    ['NOT_FOUND', new ZixflowNotFoundError('report', undefined, request), 'not_sent'],
    ['SHUTTING_DOWN', new ZixflowShuttingDownError(), 'not_sent'],
    ['TIMEOUT unknown', new ZixflowTimeoutError(100, 'unknown', request), 'unknown'],
    ['NETWORK not_sent', new ZixflowNetworkError('ECONNREFUSED', 'not_sent', request), 'not_sent'],
    ['ABORTED unknown', new ZixflowAbortedError('unknown'), 'unknown'],
    ['INTERNAL not_sent', new ZixflowInternalError(new TypeError('x'), 'not_sent'), 'not_sent'],
  ];

  it.each(cases)(
    '%s carries outcome at runtime, in JSON, and isSafeToResend agrees',
    (_name, error, outcome) => {
      // Typed on the base class: this line is the TS2339 check.
      const onBase: SendOutcome = (error as ZixflowError).outcome;
      expect(onBase).toBe(outcome);
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({ outcome });
      expect(isSafeToResend(error)).toBe(outcome === 'not_sent');
      expect(mayHaveBeenDelivered(error)).toBe(outcome !== 'not_sent');
    },
  );

  it('isSafeToResend is false for anything that is not a ZixflowError', () => {
    for (const value of [new Error('x'), undefined, null, { outcome: 'not_sent' }, 'not_sent'])
      expect(isSafeToResend(value)).toBe(false);
  });

  it('asUnknownOutcome turns any not_sent error unknown (an earlier attempt may have delivered)', () => {
    const limited = asUnknownOutcome(new ZixflowRateLimitError(60_000, undefined, request)) as ZixflowError;
    expect(limited).toBeInstanceOf(ZixflowRateLimitError);
    expect(limited.outcome).toBe('unknown');
    expect(isSafeToResend(limited)).toBe(false);
    const network = asUnknownOutcome(
      new ZixflowNetworkError('ECONNREFUSED', 'not_sent', request),
    ) as ZixflowError;
    expect(network.message).toContain('outcome: unknown');
    const already = new ZixflowTimeoutError(1, 'unknown', request);
    expect(asUnknownOutcome(already)).toBe(already);
  });
});

describe('ZixflowInternalError', () => {
  it('keeps a sanitized cause: name, message, stack and code, with the secrets removed', () => {
    const original = Object.assign(new TypeError(`header ${SECRET} is invalid`), {
      code: 'ERR_X',
      config: { apiKey: SECRET },
    });
    const error = new ZixflowInternalError(original, 'not_sent', (t) => t.split(SECRET).join('[REDACTED]'));
    expect(error.code).toBe(ZixflowErrorCode.Internal);
    expect(error.cause).not.toBe(original);
    expect(error.cause).toMatchObject({
      name: 'TypeError',
      message: 'header [REDACTED] is invalid',
      code: 'ERR_X',
    });
    expect((error.cause as unknown as Record<string, unknown>).config).toBeUndefined();
    expect(JSON.parse(JSON.stringify(error)).cause).toEqual({
      name: 'TypeError',
      message: 'header [REDACTED] is invalid',
      code: 'ERR_X',
    });
    for (const text of [
      error.message,
      JSON.stringify(error),
      inspect(error),
      String(error.cause.stack),
      inspect(error.cause),
    ])
      expect(text).not.toContain(SECRET);
  });

  it('a thrown non-Error value still gives an Error cause', () => {
    const error = new ZixflowInternalError('just a string', 'unknown');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.outcome).toBe('unknown');
  });
});

describe('mapAxiosError: network failures vs the rest', () => {
  const map = (error: unknown) => mapAxiosError(error, request, [SECRET], 1000);

  it('a TypeError nobody marked is INTERNAL with outcome unknown (it may have run after the request)', () => {
    expect(map(new TypeError('x is not a function'))).toMatchObject({ code: 'INTERNAL', outcome: 'unknown' });
  });

  it('a TypeError marked as raised before the hand-off is INTERNAL, not_sent', () => {
    expect(map(markRequestSent(new TypeError('x'), false))).toMatchObject({
      code: 'INTERNAL',
      outcome: 'not_sent',
    });
  });

  it("Node's own ERR_* codes are bugs, not network failures", () => {
    const bug = Object.assign(new TypeError('The "path" argument must be of type string'), {
      code: 'ERR_INVALID_ARG_TYPE',
    });
    expect(map(bug)).toMatchObject({ code: 'INTERNAL' });
  });

  it('system errors and AxiosErrors stay NETWORK', () => {
    expect(map(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toMatchObject({
      code: 'NETWORK',
      outcome: 'unknown',
    });
    expect(map(new AxiosError('socket hang up', 'ECONNRESET'))).toMatchObject({ code: 'NETWORK' });
    expect(map(markRequestSent(new AxiosError('refused', 'ECONNREFUSED'), false))).toMatchObject({
      code: 'NETWORK',
      outcome: 'not_sent',
    });
  });

  it('a ZixflowError thrown inside (e.g. by a mock) passes through unchanged', () => {
    const own = new ZixflowRateLimitError(5, undefined, request);
    expect(map(own)).toBe(own);
  });
});
