import type { ZixflowResolvedOptions } from '../../interfaces/zixflow-resolved-options.interface';
import { InMemoryPostbackDedupStore } from './in-memory-dedup.store';
import type { PostbackDedupStore } from './postback-dedup-store.interface';

/** The user's store when given (e.g. Redis, shared between instances), else a per-process LRU. */
export function createPostbackDedupStore(options: ZixflowResolvedOptions): PostbackDedupStore {
  const dedup = options.postback?.dedup;
  return dedup?.store ?? new InMemoryPostbackDedupStore({ maxEntries: dedup?.maxEntries });
}
