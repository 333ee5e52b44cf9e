import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { WaiterQueue } from './waiter-queue';

/** At most `max` calls of run() in flight; the rest wait in FIFO order. */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiters = new WaiterQueue();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new ZixflowConfigError(['limits.maxConcurrency must be an integer >= 1']);
    }
  }

  /** Calls in flight. */
  get active(): number {
    return this.running;
  }

  /** Calls waiting for a slot. */
  get pending(): number {
    return this.waiters.size;
  }

  /** Runs `fn` once a slot is free; a caller whose `signal` aborts while queued gets ZixflowAbortedError('not_sent'). */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new ZixflowAbortedError('not_sent'));
    if (this.running < this.max && this.waiters.size === 0) {
      this.running++;
      return this.execute(fn);
    }
    // release() hands its slot straight to the next waiter, so `running` already counts us when we wake.
    return this.waiters.wait(signal).then(() => this.execute(fn));
  }

  private execute<T>(fn: () => Promise<T>): Promise<T> {
    let result: Promise<T>;
    try {
      result = fn();
    } catch (error) {
      this.release();
      return Promise.reject(error);
    }
    return result.finally(() => this.release());
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.running--;
  }
}
