import type { ZixflowClientLimits } from '../interfaces/zixflow-module-options.interface';
import { ConcurrencyLimiter } from './concurrency.limiter';
import { TokenBucket } from './token-bucket';

export type LimitedRun = <T>(fn: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

const passThrough: LimitedRun = (fn) => fn();

/**
 * Applies the configured client-side limits to each HTTP attempt (wrap attempts, not whole sends, so retries
 * are limited too). A slot is taken before the token, so tokens are spent only when a request can go out at once.
 * With no limits configured `run` is `fn => fn()`: no queue, no timer, no extra promise.
 */
export class RequestLimiter {
  readonly run: LimitedRun;
  readonly concurrency: ConcurrencyLimiter | undefined;
  readonly bucket: TokenBucket | undefined;

  constructor(limits: ZixflowClientLimits = {}) {
    this.concurrency =
      limits.maxConcurrency !== undefined ? new ConcurrencyLimiter(limits.maxConcurrency) : undefined;
    this.bucket = limits.ratePerSecond !== undefined ? new TokenBucket(limits.ratePerSecond) : undefined;
    const { concurrency, bucket } = this;
    if (concurrency && bucket) {
      this.run = (fn, signal) => concurrency.run(() => bucket.take(signal).then(fn), signal);
    } else if (concurrency) {
      this.run = (fn, signal) => concurrency.run(fn, signal);
    } else if (bucket) {
      this.run = (fn, signal) => bucket.take(signal).then(fn);
    } else {
      this.run = passThrough;
    }
  }

  /** True when neither limit is configured. */
  get isPassThrough(): boolean {
    return this.run === passThrough;
  }
}
