import {
  ZixflowAbortedError,
  ZixflowApiError,
  ZixflowNetworkError,
  ZixflowRateLimitError,
  ZixflowTimeoutError,
  ZixflowValidationError,
} from '../../lib/errors';
import { asUnknownOutcome, mayHaveBeenDelivered } from '../../lib/transport/attempt-outcome';

const req = { method: 'POST', path: '/api/ingest/sms/v1/message/send', attempts: 1 };

describe('mayHaveBeenDelivered', () => {
  it.each([
    ['network error, not sent', new ZixflowNetworkError('ECONNREFUSED', 'not_sent', req), false],
    ['network error, unknown', new ZixflowNetworkError('ECONNRESET', 'unknown', req), true],
    ['timeout, unknown', new ZixflowTimeoutError(100, 'unknown', req), true],
    ['abort before sending', new ZixflowAbortedError('not_sent'), false],
    ['429', new ZixflowRateLimitError(1000, undefined, req), false],
    ['400', new ZixflowApiError('bad', 400, 'bad', req), false],
    ['500', new ZixflowApiError('boom', 500, undefined, req), true],
    ['200 with success:false', new ZixflowApiError('no', 200, 'Insufficient credits', req), false],
    ['200 with an unreadable body', new ZixflowApiError('unreadable', 200, undefined, req), true],
    ['validation', new ZixflowValidationError([{ field: 'recipient', reasons: ['bad'] }]), false],
    ['a foreign error', new Error('?'), true],
  ])('%s -> %p', (_name, error, expected) => {
    expect(mayHaveBeenDelivered(error)).toBe(expected);
  });
});

describe('asUnknownOutcome', () => {
  it('re-issues not_sent errors as unknown and leaves the others alone', () => {
    expect(asUnknownOutcome(new ZixflowNetworkError('ECONNREFUSED', 'not_sent', req))).toMatchObject({
      outcome: 'unknown',
      causeCode: 'ECONNREFUSED',
    });
    expect(asUnknownOutcome(new ZixflowTimeoutError(100, 'not_sent', req))).toMatchObject({
      outcome: 'unknown',
      timeoutMs: 100,
    });
    expect(asUnknownOutcome(new ZixflowAbortedError('not_sent'))).toMatchObject({ outcome: 'unknown' });
    const rateLimited = new ZixflowRateLimitError(1000, undefined, req);
    expect(asUnknownOutcome(rateLimited)).toBe(rateLimited);
  });
});
