import { InMemoryZixflowStore } from '../../lib';
import type {
  ZixflowPostbackClaim,
  ZixflowPostbackClaimResult,
  ZixflowSettledSend,
  ZixflowStatusRecord,
  ZixflowStatusUpdate,
  ZixflowStore,
  ZixflowStoreResult,
} from '../../lib';

export type StoreMethod = Exclude<keyof ZixflowStore, 'close'>;

/**
 * A store as a user would plug one in (the `store` option), backed by the real InMemoryZixflowStore, whose
 * methods can be made to fail the way an unreachable database does: by throwing at once, by rejecting, or by
 * never answering (`hang`).
 * `calls` counts every call, failed ones included.
 */
export class FaultyStore implements ZixflowStore {
  readonly failing = new Map<StoreMethod, 'throw' | 'reject' | 'hang'>();
  readonly calls: Record<StoreMethod, number> = {
    claimPostback: 0,
    releasePostback: 0,
    markPending: 0,
    getSettled: 0,
    getStatus: 0,
    subscribe: 0,
  };

  constructor(readonly inner: InMemoryZixflowStore = new InMemoryZixflowStore()) {}

  /**
   * Makes `method` fail from now on (`'throw'` synchronously, `'reject'` through a promise, `'hang'` with a
   * promise that never settles).
   */
  fail(method: StoreMethod, how: 'throw' | 'reject' | 'hang' = 'reject'): this {
    this.failing.set(method, how);
    return this;
  }

  /** Every method works again. */
  heal(): this {
    this.failing.clear();
    return this;
  }

  claimPostback(claim: ZixflowPostbackClaim): ZixflowStoreResult<ZixflowPostbackClaimResult> {
    return this.run('claimPostback', () => this.inner.claimPostback(claim));
  }

  releasePostback(key: string, scope: 'handler' | 'all'): ZixflowStoreResult<void> {
    return this.run('releasePostback', () => this.inner.releasePostback(key, scope));
  }

  markPending(sendId: string): ZixflowStoreResult<ZixflowSettledSend | undefined> {
    return this.run('markPending', () => this.inner.markPending(sendId));
  }

  getSettled(sendId: string): ZixflowStoreResult<ZixflowSettledSend | undefined> {
    return this.run('getSettled', () => this.inner.getSettled(sendId));
  }

  getStatus(requestId: string): ZixflowStoreResult<ZixflowStatusRecord | undefined> {
    return this.run('getStatus', () => this.inner.getStatus(requestId));
  }

  subscribe(listener: (update: ZixflowStatusUpdate) => void): ZixflowStoreResult<() => void> {
    return this.run('subscribe', () => this.inner.subscribe(listener));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private run<T>(method: StoreMethod, call: () => T): ZixflowStoreResult<T> {
    this.calls[method]++;
    const how = this.failing.get(method);
    if (how === undefined) return call();
    if (how === 'hang') return new Promise<never>(() => undefined);
    const error = new Error(`store unreachable (${method})`);
    if (how === 'throw') throw error;
    return Promise.reject(error);
  }
}

/** `inner` answering every call through a promise, as a store over the network does. */
export function promisingStore(inner: ZixflowStore): ZixflowStore {
  return {
    claimPostback: async (claim) => inner.claimPostback(claim),
    releasePostback: async (key, scope) => inner.releasePostback(key, scope),
    markPending: async (sendId) => inner.markPending(sendId),
    getSettled: async (sendId) => inner.getSettled(sendId),
    getStatus: async (requestId) => inner.getStatus(requestId),
    subscribe: async (listener) => inner.subscribe(listener),
  };
}
