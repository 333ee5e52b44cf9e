/**
 * `nestjs-zixflow/redis`: `RedisZixflowStore`, the module's shared state on Redis for apps running several
 * replicas. Requires the optional peer `ioredis`, which only this entry point loads.
 *
 * @packageDocumentation
 */
export { RedisZixflowStore } from './redis-zixflow.store';
export type { RedisZixflowStoreOptions } from './redis-zixflow-store-options.interface';
