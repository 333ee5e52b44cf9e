import { RequestLimiter } from '../../lib/transport/request.limiter';

describe('RequestLimiter', () => {
  it('is a pure pass-through when no limit is configured', () => {
    const limiter = new RequestLimiter({});
    const promise = Promise.resolve('x');
    expect(limiter.isPassThrough).toBe(true);
    expect(limiter.run(() => promise)).toBe(promise);
    expect(new RequestLimiter().isPassThrough).toBe(true);
  });

  it('applies the concurrency cap alone', async () => {
    const limiter = new RequestLimiter({ maxConcurrency: 2 });
    expect(limiter.bucket).toBeUndefined();
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limiter.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((resolve) => setImmediate(resolve));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  describe('with a rate', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('applies both limits: slot first, then token', async () => {
      const limiter = new RequestLimiter({ ratePerSecond: 2, maxConcurrency: 1 });
      const done: number[] = [];
      for (let i = 0; i < 4; i++) void limiter.run(async () => void done.push(i));
      await jest.advanceTimersByTimeAsync(0);
      expect(done).toEqual([0, 1]); // burst of 2
      await jest.advanceTimersByTimeAsync(500);
      expect(done).toEqual([0, 1, 2]);
      await jest.advanceTimersByTimeAsync(500);
      expect(done).toEqual([0, 1, 2, 3]);
      expect(limiter.concurrency?.active).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
