import type { RegisterQueueOptions } from '@nestjs/bullmq';
import type { WorkerOptions } from 'bullmq';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';

/**
 * The worker's limiter when the options give none. BullMQ honours its rate-limit key (what `queue.rateLimit`
 * sets on a 429 with Retry-After) only in workers with a limiter: without one the other workers kept fetching
 * through the pause. This one never binds on its own (its counter cannot reach the max).
 */
export const UNBOUNDED_LIMITER = { max: Number.MAX_SAFE_INTEGER, duration: 1_000 };

/**
 * What `BullModule.registerQueueAsync` builds the queue from. @nestjs/bullmq lays these over
 * `BullModule.forRoot`'s shared configuration when the app has one, so the keys set here are always ours. The
 * job defaults also apply to jobs users add through the injected queue themselves.
 */
export function bullQueueOptions(options: ZixflowQueueResolvedOptions): RegisterQueueOptions {
  return {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.attempts,
      backoff: options.backoff,
      removeOnComplete: options.removeOnComplete,
      removeOnFail: options.removeOnFail,
    },
  };
}

/**
 * The worker's options, given to `@Processor()`; @nestjs/bullmq adds the queue's connection and prefix. It does
 * not start (`autorun: false`): SmsQueueWorker runs it at bootstrap, once event listeners are bound.
 */
export function bullWorkerOptions(options: ZixflowQueueResolvedOptions): Omit<WorkerOptions, 'connection'> {
  return {
    concurrency: options.concurrency,
    limiter: options.limiter ?? UNBOUNDED_LIMITER,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
    autorun: false,
  };
}
