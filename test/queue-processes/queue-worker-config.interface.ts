import type { ZixflowModuleOptions } from '../../lib';
import type { ZixflowQueueModuleForRootOptions } from '../../lib/queue';

/** What the test tells a queue worker process (QUEUE_WORKER_CONFIG, JSON). */
export interface QueueWorkerConfig {
  /** Names the process in failures and logs. */
  label: string;
  apiKey: string;
  workspaceId: string;
  /** The simulator's URL. */
  baseUrl: string;
  redisUrl: string;
  /** More ZixflowModule options (credentials and URL come from above); JSON only. */
  zixflow?: Pick<ZixflowModuleOptions, 'shutdownTimeoutMs' | 'http' | 'defaults'>;
  /** ZixflowQueueModule options but the connection (made from `redisUrl`); JSON only. */
  queue: Omit<ZixflowQueueModuleForRootOptions, 'connection'>;
}

/** What a worker process tells the test over IPC. */
export type QueueWorkerMessage =
  | { type: 'ready'; at: number }
  | { type: 'event'; name: string; payload: Record<string, unknown>; at: number }
  /** app.close() was called (`at`) after the test asked. */
  | { type: 'closing'; at: number }
  /** app.close() resolved. */
  | { type: 'closed'; at: number };
