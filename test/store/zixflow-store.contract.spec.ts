import { InMemoryZixflowStore } from '../../lib/store/in-memory-zixflow.store';
import type { ZixflowStore } from '../../lib/store/zixflow-store.interface';
import type { ZixflowStoreTtlOptions } from '../../lib/store/zixflow-store-ttl-options.interface';
import { RedisZixflowStore } from '../../lib/redis';
import { deleteKeys, randomPrefix, REDIS_URL, requireRedis } from '../utils/redis';
import { defineZixflowStoreContract, type ZixflowStoreContractSubject } from './zixflow-store.contract';

/** One store per test, returned to every `open`: a store in one process is its own only replica. */
function inMemorySubject(): ZixflowStoreContractSubject {
  let store: InMemoryZixflowStore | undefined;
  return {
    open: async (ttls?: ZixflowStoreTtlOptions) => (store ??= new InMemoryZixflowStore(ttls)),
    cleanup: async () => store?.close(),
  };
}

/** A new RedisZixflowStore (its own connections) per `open`, all under one random prefix: replicas. */
function redisSubject(): ZixflowStoreContractSubject {
  const prefix = randomPrefix('contract');
  const stores: ZixflowStore[] = [];
  let ttls: ZixflowStoreTtlOptions | undefined;
  return {
    open: async (options?: ZixflowStoreTtlOptions) => {
      ttls ??= options ?? {};
      const store = new RedisZixflowStore({ connection: REDIS_URL, prefix, ...ttls });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((store) => store.close?.()));
      await deleteKeys(REDIS_URL, prefix);
    },
  };
}

describe.each([
  { name: 'InMemoryZixflowStore', makeSubject: inMemorySubject, needsRedis: false },
  { name: 'RedisZixflowStore', makeSubject: redisSubject, needsRedis: true },
])('ZixflowStore contract: $name', ({ makeSubject, needsRedis }) => {
  beforeAll(async () => {
    if (needsRedis) await requireRedis();
  });

  defineZixflowStoreContract(makeSubject);
});
