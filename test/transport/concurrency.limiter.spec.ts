import { setImmediate as tick } from 'node:timers/promises';
import { ZixflowAbortedError, ZixflowConfigError } from '../../lib/errors';
import { ConcurrencyLimiter } from '../../lib/transport/concurrency.limiter';

describe('ConcurrencyLimiter', () => {
  it('never exceeds the cap and starts tasks in FIFO order', async () => {
    const limiter = new ConcurrencyLimiter(4);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 60 }, (_, i) =>
      limiter.run(async () => {
        started.push(i);
        active++;
        peak = Math.max(peak, active);
        for (let k = 0; k < 1 + (i % 5); k++) await tick();
        active--;
        return i;
      }),
    );
    await expect(Promise.all(tasks)).resolves.toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(peak).toBe(4);
    expect(started).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('releases the slot when the task throws or rejects', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(
      limiter.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(limiter.run(async () => Promise.reject(new Error('async')))).rejects.toThrow('async');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
    expect(limiter.active).toBe(0);
  });

  it('a queued caller that aborts leaves the queue with ZixflowAbortedError(not_sent)', async () => {
    const limiter = new ConcurrencyLimiter(1);
    let release!: () => void;
    const blocker = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const fn = jest.fn(async () => 'never');
    const aborted = limiter.run(fn, controller.signal).catch((e: unknown) => e);
    const after = limiter.run(async () => 'after');
    expect(limiter.pending).toBe(2);
    controller.abort();
    const error = await aborted;
    expect(error).toBeInstanceOf(ZixflowAbortedError);
    expect((error as ZixflowAbortedError).outcome).toBe('not_sent');
    expect(limiter.pending).toBe(1);
    release();
    await blocker;
    await expect(after).resolves.toBe('after');
    expect(fn).not.toHaveBeenCalled();
    expect(limiter.active).toBe(0);
  });

  it('rejects at once with an already-aborted signal, without running the task', async () => {
    const fn = jest.fn(async () => 'x');
    await expect(new ConcurrencyLimiter(1).run(fn, AbortSignal.abort())).rejects.toBeInstanceOf(
      ZixflowAbortedError,
    );
    expect(fn).not.toHaveBeenCalled();
  });

  it.each([0, 1.5, -2, Number.NaN])('rejects max %p', (max) => {
    expect(() => new ConcurrencyLimiter(max)).toThrow(ZixflowConfigError);
  });
});
