import {
  InMemoryZixflowStore,
  type ZixflowPostbackClaim,
  type ZixflowStatusRecord,
  type ZixflowStatusUpdate,
  type ZixflowStore,
  type ZixflowStoreResult,
} from '../../lib';

/** The password the fixture's failures carry in their message, as a driver's connection error might. */
export const STORE_PASSWORD = 'hunter2-store-password';

/**
 * A store whose reads fail on demand (`reject`: rejects with an error whose message holds a password;
 * `hang`: never answers); otherwise it is an InMemoryZixflowStore.
 */
export class FailingStore implements ZixflowStore {
  mode: 'ok' | 'reject' | 'hang' = 'ok';
  reads = 0;
  private readonly inner = new InMemoryZixflowStore();

  getStatus(requestId: string): ZixflowStoreResult<ZixflowStatusRecord | undefined> {
    this.reads += 1;
    if (this.mode === 'reject') {
      return Promise.reject(new Error(`connect ECONNREFUSED redis://:${STORE_PASSWORD}@10.0.0.1:6379`));
    }
    if (this.mode === 'hang') return new Promise<never>(() => undefined);
    return this.inner.getStatus(requestId);
  }

  claimPostback(claim: ZixflowPostbackClaim) {
    return this.inner.claimPostback(claim);
  }

  releasePostback(key: string, scope: 'handler' | 'all') {
    return this.inner.releasePostback(key, scope);
  }

  markPending(sendId: string) {
    return this.inner.markPending(sendId);
  }

  getSettled(sendId: string) {
    return this.inner.getSettled(sendId);
  }

  subscribe(listener: (update: ZixflowStatusUpdate) => void) {
    return this.inner.subscribe(listener);
  }
}
