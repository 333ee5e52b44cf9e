import type { RegisterQueueOptions } from '@nestjs/bullmq';
import type { RateLimiterOptions, WorkerOptions } from 'bullmq';
import type { ZixflowQueueLimiter } from './interfaces/zixflow-queue-module-options.interface';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';

/**
 * The worker's limiter when the options give none. BullMQ honours its rate-limit key (what `queue.rateLimit`
 * sets on a 429 with Retry-After) only in workers with a limiter: without one the other workers kept fetching
 * through the pause. This one never binds on its own (its counter cannot reach the max).
 */
export const UNBOUNDED_LIMITER = { max: Number.MAX_SAFE_INTEGER, duration: 1_000 };

/** Windows one `duration` of a spread limiter is cut into, at most. */
const LIMITER_SLICES = 10;
/** The shortest window spreading makes: rounding it up to whole ms then slows the limit by under 1%. */
const LIMITER_MIN_SLICE_MS = 100;

/**
 * BullMQ's limiter for the module's `limiter` (see ZixflowQueueLimiter.spread). Spread, `duration` is cut into
 * the most windows n, up to ten and none under 100 ms, that share `max` evenly: n windows of max / n jobs, each
 * lasting duration / n, rounded up (never faster than `max` per `duration`, slower by under 1% when the rounding
 * bites). So at most n windows open within a sliding `duration`, holding `max`, plus what is left of the one
 * already open when it began (max / n - 1 jobs). A `max` with no such n (1, a prime over ten) is handed over as
 * it is.
 */
export function bullLimiter({ max, duration, spread }: ZixflowQueueLimiter): RateLimiterOptions {
  const most = spread === false ? 1 : Math.min(LIMITER_SLICES, Math.floor(duration / LIMITER_MIN_SLICE_MS));
  for (let windows = most; windows > 1; windows--) {
    if (max % windows === 0) return { max: max / windows, duration: Math.ceil(duration / windows) };
  }
  return { max, duration };
}

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
    limiter: options.limiter ? bullLimiter(options.limiter) : UNBOUNDED_LIMITER,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
    autorun: false,
  };
}
