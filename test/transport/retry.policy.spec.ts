import fc from 'fast-check';
import {
  ZixflowAbortedError,
  ZixflowApiError,
  ZixflowAuthError,
  ZixflowConfigError,
  ZixflowNetworkError,
  ZixflowRateLimitError,
  ZixflowShuttingDownError,
  ZixflowTimeoutError,
  ZixflowValidationError,
} from '../../lib/errors';
import {
  decideRetry,
  fullJitterDelay,
  parseRetryAfter,
  resolveRetryOptions,
  type ResolvedRetryOptions,
} from '../../lib/transport/retry.policy';

const req = { method: 'POST', path: '/api/ingest/sms/v1/message/send', attempts: 1 };

function opts(overrides: Partial<ResolvedRetryOptions> = {}): ResolvedRetryOptions {
  return { ...resolveRetryOptions(), random: () => 0.5, ...overrides };
}

describe('resolveRetryOptions', () => {
  it('fills the documented defaults', () => {
    expect(resolveRetryOptions()).toEqual({
      maxAttempts: 3,
      baseDelayMs: 200,
      maxDelayMs: 5000,
      maxRetryAfterMs: 30000,
      deadlineMs: 30000,
      unsafe: false,
      random: Math.random,
    });
  });

  it('applies module options, then the override; undefined does not erase', () => {
    const resolved = resolveRetryOptions(
      { maxAttempts: 5, unsafe: true },
      { maxAttempts: undefined, deadlineMs: 1000 },
    );
    expect(resolved).toMatchObject({ maxAttempts: 5, unsafe: true, deadlineMs: 1000, baseDelayMs: 200 });
  });

  it.each([
    { maxAttempts: 0 },
    { maxAttempts: 1.5 },
    { baseDelayMs: -1 },
    { deadlineMs: Number.NaN },
    { maxDelayMs: Infinity },
  ])('rejects %p', (bad) => {
    expect(() => resolveRetryOptions(bad)).toThrow(ZixflowConfigError);
  });
});

describe('decideRetry', () => {
  // [label, error, retried by default, retried with unsafe]
  const table: Array<[string, unknown, boolean, boolean]> = [
    ['429 without Retry-After', new ZixflowRateLimitError(undefined, 'slow down', req), true, true],
    ['429 with Retry-After', new ZixflowRateLimitError(1000, undefined, req), true, true],
    ['network not_sent (ECONNREFUSED)', new ZixflowNetworkError('ECONNREFUSED', 'not_sent', req), true, true],
    [
      'network unknown (ECONNRESET after write)',
      new ZixflowNetworkError('ECONNRESET', 'unknown', req),
      false,
      true,
    ],
    ['timeout not_sent (connect)', new ZixflowTimeoutError(5000, 'not_sent', req), true, true],
    ['timeout unknown (no answer)', new ZixflowTimeoutError(10000, 'unknown', req), false, true],
    ['500', new ZixflowApiError('boom', 500, undefined, req), false, true],
    ['503', new ZixflowApiError('down', 503, undefined, req), false, true],
    ['400', new ZixflowApiError('bad', 400, 'invalid', req), false, false],
    ['404', new ZixflowApiError('nf', 404, undefined, req), false, false],
    ['2xx with success:false', new ZixflowApiError('no', 0, 'no', req), false, false],
    ['401 auth', new ZixflowAuthError(401, undefined, req), false, false],
    ['403 auth', new ZixflowAuthError(403, undefined, req), false, false],
    ['aborted not_sent', new ZixflowAbortedError('not_sent'), false, false],
    ['aborted unknown', new ZixflowAbortedError('unknown'), false, false],
    ['validation', new ZixflowValidationError([{ field: 'recipient', reasons: ['bad'] }]), false, false],
    ['config', new ZixflowConfigError(['x']), false, false],
    ['shutting down', new ZixflowShuttingDownError(), false, false],
    ['plain Error', new Error('?'), false, false],
    ['non-error', 'oops', false, false],
  ];

  it.each(table)('%s: default %p, unsafe %p', (_label, error, safe, unsafe) => {
    expect(decideRetry(error, 1, opts(), 0).retry).toBe(safe);
    expect(decideRetry(error, 1, opts({ unsafe: true }), 0).retry).toBe(unsafe);
  });

  it('gives a reason when it refuses', () => {
    const decision = decideRetry(new ZixflowTimeoutError(10000, 'unknown', req), 1, opts(), 0);
    expect(decision).toEqual({ retry: false, reason: expect.stringMatching(/outcome unknown/) });
  });

  it('waits exactly Retry-After on 429', () => {
    expect(decideRetry(new ZixflowRateLimitError(1234, undefined, req), 1, opts(), 0)).toEqual({
      retry: true,
      delayMs: 1234,
    });
    expect(decideRetry(new ZixflowRateLimitError(0, undefined, req), 1, opts(), 0)).toEqual({
      retry: true,
      delayMs: 0,
    });
  });

  it('does not retry a 429 whose Retry-After exceeds maxRetryAfterMs', () => {
    const o = opts({ maxRetryAfterMs: 10_000, deadlineMs: 60_000 });
    expect(decideRetry(new ZixflowRateLimitError(10_000, undefined, req), 1, o, 0).retry).toBe(true);
    const over = decideRetry(new ZixflowRateLimitError(10_001, undefined, req), 1, o, 0);
    expect(over).toEqual({ retry: false, reason: expect.stringMatching(/maxRetryAfterMs/) });
  });

  it('falls back to backoff for a 429 without Retry-After', () => {
    const decision = decideRetry(
      new ZixflowRateLimitError(undefined, undefined, req),
      2,
      opts({ random: () => 0.999 }),
      0,
    );
    expect(decision).toEqual({ retry: true, delayMs: 400 });
  });

  it('stops at maxAttempts', () => {
    const error = new ZixflowNetworkError('ECONNREFUSED', 'not_sent', req);
    expect(decideRetry(error, 2, opts({ maxAttempts: 3 }), 0).retry).toBe(true);
    expect(decideRetry(error, 3, opts({ maxAttempts: 3 }), 0)).toEqual({
      retry: false,
      reason: expect.stringMatching(/maxAttempts/),
    });
    expect(decideRetry(error, 1, opts({ maxAttempts: 1 }), 0).retry).toBe(false);
  });

  it('does not start a wait that would end after the deadline', () => {
    const error = new ZixflowRateLimitError(200, undefined, req);
    expect(decideRetry(error, 1, opts({ deadlineMs: 30_000 }), 29_800)).toEqual({
      retry: true,
      delayMs: 200,
    });
    expect(decideRetry(error, 1, opts({ deadlineMs: 30_000 }), 29_801)).toEqual({
      retry: false,
      reason: expect.stringMatching(/deadline/),
    });
  });

  it('backoff stays within [0, min(maxDelay, base * 2^(attempt-1))] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, max, r) => {
          const o = opts({
            baseDelayMs: base,
            maxDelayMs: max,
            random: () => r,
            maxAttempts: 100,
            deadlineMs: 1e9,
          });
          const decision = decideRetry(
            new ZixflowNetworkError('ECONNREFUSED', 'not_sent', req),
            attempt,
            o,
            0,
          );
          const ceiling = Math.min(max, base * 2 ** (attempt - 1));
          expect(decision.retry).toBe(true);
          if (!decision.retry) return;
          expect(Number.isInteger(decision.delayMs)).toBe(true);
          expect(decision.delayMs).toBeGreaterThanOrEqual(0);
          expect(decision.delayMs).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('full jitter reaches both ends of the window', () => {
    expect(fullJitterDelay(3, 200, 5000, () => 0)).toBe(0);
    expect(fullJitterDelay(3, 200, 5000, () => 0.9999999)).toBe(800);
    expect(fullJitterDelay(10, 200, 5000, () => 0.9999999)).toBe(5000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-28T17:00:00Z');

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7000],
    ['1.5', 1500],
    ['-5', 0],
    ['Wed, 28 Jan 2026 17:00:30 GMT', 30_000],
    ['Wednesday, 28-Jan-26 17:01:00 GMT', 60_000],
    ['Wed Jan 28 17:00:05 2026', 5000],
    ['Wed, 28 Jan 2026 16:00:00 GMT', 0],
  ])('%p -> %p', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    '   ',
    'soon',
    'abc 12',
    '1e3',
    '0x10',
    '2026-01-28',
    'NaN',
    '99999999999999999999',
  ])('garbage %p -> undefined', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
