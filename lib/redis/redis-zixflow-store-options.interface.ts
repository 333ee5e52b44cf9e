import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { ZixflowStoreTtlOptions } from '../store/zixflow-store-ttl-options.interface';

/** Options of RedisZixflowStore: where Redis is, the key prefix, and how long each kind of key lives. */
export interface RedisZixflowStoreOptions extends ZixflowStoreTtlOptions {
  /**
   * The Redis to use:
   * - ioredis `RedisOptions` or a `redis://` / `rediss://` URL: the store opens its own connection, which
   *   fails fast while Redis is unreachable (`enableOfflineQueue: false`, `maxRetriesPerRequest: 0`) and
   *   auto-pipelines (`enableAutoPipelining: true`), unless these options set them; it reconnects by itself when
   *   Redis returns, and is closed by `close()`;
   * - an ioredis `Redis` instance: used as it is and never closed by the store (the store defines three Lua
   *   commands on it, named `zixflow…`). Its own offline-queue settings then decide how fast a postback is
   *   answered 503 while Redis is down: give it `enableOfflineQueue: false`, or postbacks wait for Redis.
   *
   * A standalone Redis (tested on Redis 7). Redis Cluster is not supported: one postback touches several keys
   * in one script, which Cluster refuses when they hash to different slots.
   */
  readonly connection: RedisOptions | string | Redis;
  /** Prepended to every key and to the pub/sub channel, so several apps can share one Redis. Default `'zixflow:'`. */
  readonly prefix?: string;
}
