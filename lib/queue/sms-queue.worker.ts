import { setMaxListeners } from 'node:events';
import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Worker } from 'bullmq';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';
import type { SmsJobData, SmsJobResult } from './interfaces/sms-job.interface';
import { SmsJobProcessor } from './sms-job.processor';
import { bullWorkerOptions } from './bull-options';

/** After the abort at the deadline, how long the aborted jobs get to hand themselves back before a forced close. */
const AFTER_ABORT_GRACE_MS = 1_000;

type SmsWorker = Worker<SmsJobData, SmsJobResult>;

/**
 * The processor of a registration with `worker: true`: @nestjs/bullmq's `WorkerHost`, whose `@Processor()` is
 * applied by `createSmsQueueWorker` once the options are known. @nestjs/bullmq creates the BullMQ Worker at
 * `onModuleInit` (not started: `autorun: false`); this class starts it at bootstrap and bounds its shutdown:
 *
 * - onModuleDestroy: stop taking jobs (`worker.pause()`, which resolves once the active ones finished);
 * - beforeApplicationShutdown: wait up to `shutdownTimeoutMs` for them, then abort the sends still going: one
 *   waiting for a slot (client-side limits, promotional window) provably did not go out, and its job goes back
 *   to waiting with no attempt spent; one already on the wire may have, so its job completes `unknown` (settled
 *   by its postback, never resent). Then close: gracefully if the jobs finished within a short grace, else with
 *   `force` (a job still active keeps its lock until it expires, and BullMQ's stalled check on any worker hands it
 *   out again, where its ledger decides). No job is lost either way. The worker is paused rather than closed
 *   first because BullMQ's `close()` answers every later call, `close(true)` included, with the first one's
 *   promise: a graceful close started early could not be forced. @nestjs/bullmq's own close at
 *   `onApplicationShutdown` then finds it closed.
 */
export class SmsQueueWorker
  extends WorkerHost<SmsWorker>
  implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly logger = new Logger('ZixflowQueue');
  private readonly stop = new AbortController();
  /** The worker once started: undefined on a `worker: false` instance. */
  private started: SmsWorker | undefined;
  /** `worker.pause()`: resolves once no job is active any more. */
  private draining: Promise<void> | undefined;

  constructor(
    private readonly processor: SmsJobProcessor,
    private readonly options: ZixflowQueueResolvedOptions,
  ) {
    super();
    // Every active job's send listens to it: past 10 (concurrency 16 by default) Node warned of a leak.
    setMaxListeners(0, this.stop.signal);
  }

  /** Called by the BullMQ Worker for each job. */
  process(job: Job<SmsJobData, SmsJobResult>, token?: string): Promise<SmsJobResult> {
    return this.processor.process(job, token, this.stop.signal);
  }

  /** Bound by @nestjs/bullmq as it creates the worker: without an error listener a Redis hiccup would crash. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`BullMQ worker error: ${error.message}`);
  }

  /** Started at bootstrap, once every provider (and event listener) is ready. */
  onApplicationBootstrap(): void {
    if (!this.options.worker) return;
    let worker: SmsWorker;
    try {
      worker = this.worker;
    } catch {
      throw new ZixflowConfigError([
        'ZixflowQueueModule: worker: true, but @nestjs/bullmq created no worker before bootstrap. With ' +
          'BullModule.forRoot({ extraOptions: { manualRegistration: true } }), call BullRegistrar.register() in an ' +
          'onModuleInit hook',
      ]);
    }
    this.started = worker;
    worker.run().catch((error: unknown) => this.logger.error(`BullMQ worker stopped: ${String(error)}`));
  }

  /** Stops taking jobs as soon as the app starts closing; the active ones go on. */
  onModuleDestroy(): void {
    this.draining ??= this.started?.pause();
  }

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.started;
    if (worker === undefined) return;
    this.draining ??= worker.pause();
    let drained = await settlesWithin(this.draining, this.options.shutdownTimeoutMs);
    if (!drained) {
      this.logger.warn(
        `Jobs still active after ${this.options.shutdownTimeoutMs} ms; handing back those not sent yet`,
      );
      this.stop.abort();
      drained = await settlesWithin(this.draining, AFTER_ABORT_GRACE_MS);
    }
    await worker.close(!drained);
  }
}

/**
 * The registration's SmsQueueWorker, of a class of its own: with `worker: true` that class carries
 * `@Processor({ name: queueName }, workerOptions)`, which @nestjs/bullmq reads at `onModuleInit`, after every
 * provider (this one included, built from `forRootAsync`'s options) exists. With `worker: false` it carries none
 * and no worker is created. A class per registration keeps apps with different options apart.
 */
export function createSmsQueueWorker(
  processor: SmsJobProcessor,
  options: ZixflowQueueResolvedOptions,
): SmsQueueWorker {
  class SmsQueueProcessor extends SmsQueueWorker {}
  if (options.worker) {
    Processor({ name: options.queueName }, bullWorkerOptions(options))(SmsQueueProcessor);
  }
  return new SmsQueueProcessor(processor, options);
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
