import { setMaxListeners } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS } from './zixflow-queue.constants';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';
import type { SmsJobData, SmsJobResult } from './interfaces/sms-job.interface';
import { SmsJobProcessor } from './sms-job.processor';

/** After the abort at the deadline, how long the aborted jobs get to hand themselves back before a forced close. */
const AFTER_ABORT_GRACE_MS = 1_000;

/**
 * The worker's limiter when the options give none. BullMQ honours its rate-limit key (what `queue.rateLimit`
 * sets on a 429 with Retry-After) only in workers with a limiter: without one the other workers kept fetching
 * through the pause. This one never binds on its own (its counter cannot reach the max).
 */
const UNBOUNDED_LIMITER = { max: Number.MAX_SAFE_INTEGER, duration: 1_000 };

/**
 * The BullMQ Worker of an instance with `worker: true`, built with bullmq directly rather than @nestjs/bullmq's
 * `@Processor`: that decorator fixes the queue name and worker options when the class is declared, before
 * `forRootAsync` options exist, `worker: false` would need the class left out of the module, and its shutdown
 * waits for active jobs without a bound. Here the options come from the module and shutdown is ours:
 *
 * - onModuleDestroy: stop taking jobs (`worker.close()`, which waits for the active ones);
 * - beforeApplicationShutdown: wait up to `shutdownTimeoutMs`, then abort the sends still going: one waiting
 *   for a slot (client-side limits, promotional window) provably did not go out, and its job goes back to
 *   waiting with no attempt spent; one already on the wire may have, so its job completes `unknown` (settled by
 *   its postback, never resent). Past a short grace, close with `force`: a job still active then keeps its lock
 *   until it expires, and BullMQ's stalled check on any worker hands it out again, where its ledger decides.
 *   No job is lost either way.
 */
@Injectable()
export class SmsQueueWorker implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('ZixflowQueue');
  private readonly stop = new AbortController();
  private worker: Worker<SmsJobData, SmsJobResult> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly processor: SmsJobProcessor,
    @Inject(ZIXFLOW_QUEUE_RESOLVED_OPTIONS) private readonly options: ZixflowQueueResolvedOptions,
  ) {
    // Every active job's send listens to it: past 10 (concurrency 16 by default) Node warned of a leak.
    setMaxListeners(0, this.stop.signal);
  }

  /** Started at bootstrap, once every provider (and event listener) is ready. */
  onApplicationBootstrap(): void {
    if (!this.options.worker) return;
    const { options } = this;
    this.worker = new Worker<SmsJobData, SmsJobResult>(
      options.queueName,
      (job, token) => this.processor.process(job, token, this.stop.signal),
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        limiter: options.limiter ?? UNBOUNDED_LIMITER,
        lockDuration: options.lockDurationMs,
        stalledInterval: options.lockDurationMs,
        autorun: false,
      },
    );
    this.worker.on('error', (error) => this.logger.warn(`BullMQ worker error: ${error.message}`));
    this.worker.run().catch((error: unknown) => this.logger.error(`BullMQ worker stopped: ${String(error)}`));
  }

  /** Stops taking jobs as soon as the app starts closing; the active ones go on. */
  onModuleDestroy(): void {
    this.closing ??= this.worker?.close();
  }

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    this.closing ??= worker.close();
    if (await settlesWithin(this.closing, this.options.shutdownTimeoutMs)) return;
    this.logger.warn(
      `Jobs still active after ${this.options.shutdownTimeoutMs} ms; handing back those not sent yet`,
    );
    this.stop.abort();
    if (await settlesWithin(this.closing, AFTER_ABORT_GRACE_MS)) return;
    await worker.close(true);
  }
}

/** Whether `promise` settles within `ms` (never rejects). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
