import type { ZixflowStoreResult } from './zixflow-store.interface';

/** What `followStore` needs: how to listen, what to read once listening, and whether the caller is done. */
export interface StoreFollower<T> {
  subscribe(): ZixflowStoreResult<() => void>;
  read(): ZixflowStoreResult<T>;
  /** True once the caller has settled: a subscription that arrives after that is dropped at once. */
  ended(): boolean;
  /** Takes the unsubscribe function as soon as the subscription exists, before the read. */
  listening(unsubscribe: () => void): void;
}

/**
 * Subscribes first, then reads, so an update landing between the two reaches the listener instead of falling
 * in the gap. Resolves with the read value, or with `undefined` when the caller ended before the subscription
 * existed (it is then undone, and nothing is read). Rejects with the store's error.
 */
export async function followStore<T>(follower: StoreFollower<T>): Promise<T | undefined> {
  const unsubscribe = await follower.subscribe();
  if (follower.ended()) {
    unsubscribe();
    return undefined;
  }
  follower.listening(unsubscribe);
  return follower.read();
}
