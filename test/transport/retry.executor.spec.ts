import {
  ZixflowAbortedError,
  ZixflowApiError,
  ZixflowNetworkError,
  ZixflowRateLimitError,
  ZixflowTimeoutError,
  type ZixflowRequestInfo,
} from '../../lib/errors';
import {
  executeWithRetry,
  resolveRetryOptions,
  type ResolvedRetryOptions,
} from '../../lib/transport/retry.policy';
import { rejectionOf } from '../utils/thrown-by';

const info = (attempts: number): ZixflowRequestInfo => ({ method: 'POST', path: '/send', attempts });

function fast(overrides: Partial<ResolvedRetryOptions> = {}): ResolvedRetryOptions {
  return { ...resolveRetryOptions({ baseDelayMs: 1, maxDelayMs: 2 }), random: () => 0, ...overrides };
}

describe('executeWithRetry', () => {
  it('returns the first success without retrying', async () => {
    const attempt = jest.fn(async () => 'ok');
    await expect(executeWithRetry(attempt, fast())).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(attempt).toHaveBeenCalledWith(1);
  });

  it('retries not-sent failures up to maxAttempts and throws the last error with its attempt count', async () => {
    const attempt = jest.fn(async (n: number) => {
      throw new ZixflowNetworkError('ECONNREFUSED', 'not_sent', info(n));
    });
    const onRetry = jest.fn();
    const error = await rejectionOf(
      executeWithRetry(attempt, fast({ maxAttempts: 4 }), undefined, { onRetry }),
    );
    expect(attempt.mock.calls.map(([n]) => n)).toEqual([1, 2, 3, 4]);
    expect(onRetry).toHaveBeenCalledTimes(3);
    expect(onRetry).toHaveBeenLastCalledWith(expect.any(ZixflowNetworkError), 3, 0);
    expect(error).toBeInstanceOf(ZixflowNetworkError);
    expect((error as ZixflowNetworkError).request?.attempts).toBe(4);
    expect((error as ZixflowNetworkError).outcome).toBe('not_sent');
  });

  it('succeeds after a 429', async () => {
    let calls = 0;
    const result = await executeWithRetry(async (n) => {
      calls++;
      if (n === 1) throw new ZixflowRateLimitError(5, undefined, info(n));
      return n;
    }, fast());
    expect(result).toBe(2);
    expect(calls).toBe(2);
  });

  it('does not retry an unknown outcome by default', async () => {
    const attempt = jest.fn(async (n: number) => {
      throw new ZixflowTimeoutError(100, 'unknown', info(n));
    });
    await expect(executeWithRetry(attempt, fast())).rejects.toBeInstanceOf(ZixflowTimeoutError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('fixes request.attempts when the attempt function did not', async () => {
    const error = await rejectionOf(
      executeWithRetry(
        async () => {
          throw new ZixflowNetworkError('ENOTFOUND', 'not_sent', info(1));
        },
        fast({ maxAttempts: 2 }),
      ),
    );
    expect((error as ZixflowNetworkError).request).toEqual(info(2));
  });

  it('never lets the final error say not_sent when an earlier attempt may have delivered (unsafe mode)', async () => {
    const error = await rejectionOf(
      executeWithRetry(
        async (n) => {
          if (n === 1) throw new ZixflowApiError('boom', 502, undefined, info(n));
          throw new ZixflowNetworkError('ECONNREFUSED', 'not_sent', info(n));
        },
        fast({ unsafe: true, maxAttempts: 2 }),
      ),
    );
    expect(error).toBeInstanceOf(ZixflowNetworkError);
    expect((error as ZixflowNetworkError).outcome).toBe('unknown');
    expect((error as ZixflowNetworkError).request?.attempts).toBe(2);
  });

  it('rejects with ZixflowAbortedError(not_sent) before the first attempt when already aborted', async () => {
    const attempt = jest.fn(async () => 'ok');
    const error = await rejectionOf(executeWithRetry(attempt, fast(), AbortSignal.abort()));
    expect(error).toBeInstanceOf(ZixflowAbortedError);
    expect((error as ZixflowAbortedError).outcome).toBe('not_sent');
    expect(attempt).not.toHaveBeenCalled();
  });

  describe('abort during backoff (fake timers)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('stops waiting at once, clears the timer, and reports not_sent with the last error as cause', async () => {
      const controller = new AbortController();
      const last = new ZixflowRateLimitError(20_000, undefined, info(1));
      const attempt = jest.fn(async () => {
        throw last;
      });
      const settled = rejectionOf(executeWithRetry(attempt, resolveRetryOptions(), controller.signal));
      await jest.advanceTimersByTimeAsync(1000);
      expect(attempt).toHaveBeenCalledTimes(1);
      expect(jest.getTimerCount()).toBe(1);

      controller.abort();
      const error = await settled;
      expect(error).toBeInstanceOf(ZixflowAbortedError);
      expect((error as ZixflowAbortedError).outcome).toBe('not_sent');
      expect((error as Error).cause).toBe(last);
      expect(jest.getTimerCount()).toBe(0);
      expect(attempt).toHaveBeenCalledTimes(1);
    });

    it('waits the Retry-After before the next attempt', async () => {
      const attempt = jest.fn(async (n: number) => {
        if (n === 1) throw new ZixflowRateLimitError(3000, undefined, info(n));
        return 'ok';
      });
      const result = executeWithRetry(attempt, resolveRetryOptions());
      await jest.advanceTimersByTimeAsync(2999);
      expect(attempt).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      await expect(result).resolves.toBe('ok');
      expect(attempt).toHaveBeenCalledTimes(2);
    });
  });
});
