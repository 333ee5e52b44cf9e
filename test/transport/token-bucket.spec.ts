import { ZixflowAbortedError, ZixflowConfigError } from '../../lib/errors';
import { TokenBucket } from '../../lib/transport/token-bucket';

describe('TokenBucket', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const bucket = (rate: number) => new TokenBucket(rate, () => Date.now());

  it('allows a burst of `rate`, then one token per 1/rate s', async () => {
    const b = bucket(5);
    const granted: number[] = [];
    for (let i = 0; i < 7; i++) void b.take().then(() => granted.push(i));
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
    await jest.advanceTimersByTimeAsync(199);
    expect(granted).toHaveLength(5);
    await jest.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 1, 2, 3, 4, 5]);
    await jest.advanceTimersByTimeAsync(200);
    expect(granted).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('serves waiters in arrival order; a newcomer never overtakes', async () => {
    const b = bucket(1);
    const order: string[] = [];
    await b.take();
    void b.take().then(() => order.push('a'));
    void b.take().then(() => order.push('b'));
    await jest.advanceTimersByTimeAsync(1000);
    expect(b.tryTake()).toBe(false); // 'b' is still queued, so no jumping the line
    void b.take().then(() => order.push('c'));
    await jest.advanceTimersByTimeAsync(2000);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('keeps the long-run rate (generous bounds)', async () => {
    const b = bucket(10);
    let granted = 0;
    const loop = async () => {
      for (;;) {
        await b.take();
        granted++;
      }
    };
    void loop();
    await jest.advanceTimersByTimeAsync(3000);
    // 10 burst + 10/s * 3 s = 40
    expect(granted).toBeGreaterThanOrEqual(38);
    expect(granted).toBeLessThanOrEqual(41);
    jest.clearAllTimers();
  });

  it('an aborted waiter leaves the queue; the others keep their order; the idle timer is cleared', async () => {
    const b = bucket(1);
    await b.take();
    const controller = new AbortController();
    const order: string[] = [];
    void b.take().then(() => order.push('a'));
    const aborted = b.take(controller.signal).catch((e: unknown) => e);
    void b.take().then(() => order.push('c'));
    controller.abort();
    const error = await aborted;
    expect(error).toBeInstanceOf(ZixflowAbortedError);
    expect((error as ZixflowAbortedError).outcome).toBe('not_sent');
    expect(b.pending).toBe(2);
    await jest.advanceTimersByTimeAsync(2000);
    expect(order).toEqual(['a', 'c']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('clears its timer when the last waiter aborts', async () => {
    const b = bucket(1);
    await b.take();
    const controller = new AbortController();
    const waiting = b.take(controller.signal).catch(() => 'aborted');
    expect(jest.getTimerCount()).toBe(1);
    controller.abort();
    await expect(waiting).resolves.toBe('aborted');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects at once with an already-aborted signal', async () => {
    await expect(bucket(1).take(AbortSignal.abort())).rejects.toBeInstanceOf(ZixflowAbortedError);
  });

  it('supports rates below 1/s (burst of 1)', async () => {
    const b = bucket(0.5);
    const granted: number[] = [];
    void b.take().then(() => granted.push(1));
    void b.take().then(() => granted.push(2));
    await jest.advanceTimersByTimeAsync(1999);
    expect(granted).toEqual([1]);
    await jest.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([1, 2]);
  });

  it.each([0, -1, Number.NaN, Infinity])('rejects rate %p', (rate) => {
    expect(() => new TokenBucket(rate)).toThrow(ZixflowConfigError);
  });
});
