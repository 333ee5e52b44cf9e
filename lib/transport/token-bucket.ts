import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { WaiterQueue } from './waiter-queue';

/**
 * Client-side requests-per-second cap. Holds up to `ratePerSecond` tokens (the burst; at least 1), refilled
 * continuously. Callers are served strictly in arrival order: a newcomer never overtakes a waiter even if a token
 * is free. One timer at a time, armed only while someone waits, so an idle bucket holds no handle open.
 */
export class TokenBucket {
  private readonly capacity: number;
  private tokens: number;
  private refilledAt: number;
  private readonly waiters = new WaiterQueue();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
      throw new ZixflowConfigError(['limits.ratePerSecond must be a finite number > 0']);
    }
    this.capacity = Math.max(1, ratePerSecond);
    this.tokens = this.capacity;
    this.refilledAt = this.now();
  }

  /** Callers waiting for a token. */
  get pending(): number {
    return this.waiters.size;
  }

  /** Resolves when the caller may send; rejects with ZixflowAbortedError('not_sent') if `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new ZixflowAbortedError('not_sent'));
    if (this.waiters.size === 0 && this.tryTake()) return Promise.resolve();
    const turn = this.waiters.wait(signal, () => this.disarmIfIdle());
    this.arm();
    return turn;
  }

  /** Takes a token if one is free and nobody is queued. */
  tryTake(): boolean {
    if (this.waiters.size > 0) return false;
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(): void {
    const at = this.now();
    const elapsed = at - this.refilledAt;
    if (elapsed > 0)
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.refilledAt = at;
  }

  /** Serves waiters while tokens last, then sleeps until the next token is due. */
  private drain(): void {
    this.timer = undefined;
    this.refill();
    while (this.waiters.size > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.waiters.shift()?.resolve();
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.waiters.size === 0) return;
    this.refill();
    // Round up (min 1 ms) so the timer never fires early and spins.
    const waitMs = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond));
    this.timer = setTimeout(() => this.drain(), waitMs);
  }

  private disarmIfIdle(): void {
    if (this.waiters.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
