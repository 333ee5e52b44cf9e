import type { INestApplication, Provider } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import type { Job } from 'bullmq';
import { ZixflowModule, type ZixflowModuleOptions } from '../../lib';
import type { ZixflowSimulator } from '../../lib/testing';
import {
  SmsQueue,
  ZixflowQueueEvent,
  ZixflowQueueModule,
  type SmsJobData,
  type SmsJobResult,
  type ZixflowQueueModuleForRootOptions,
} from '../../lib/queue';
import { SmsJobQueue } from '../../lib/queue/sms-job.queue';
import { SmsJobLedger } from '../../lib/queue/sms-job.ledger';
import { createTestApp, simulatorOptions, type TestAppOptions } from '../utils/zixflow-test-app';
import { REDIS_URL, deleteKeys, requireRedis } from '../utils/redis';
import { until } from '../utils/until';

export const RECIPIENT = '919876543210';

/** A queue name of its own for one test, so tests sharing a Redis never see each other's jobs. */
export function randomQueueName(label = 'q'): string {
  return `zixflow-test-${label}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Small retry delays so retries happen within the test. */
export function queueOptions(
  queueName: string,
  extra: Partial<ZixflowQueueModuleForRootOptions> = {},
): ZixflowQueueModuleForRootOptions {
  return {
    connection: { url: REDIS_URL },
    queueName,
    concurrency: 4,
    shutdownTimeoutMs: 2_000,
    attempts: 3,
    backoff: { type: 'fixed', delay: 20 },
    ...extra,
  };
}

type BullQueue = SmsJobQueue['queue'];

/** Every `zixflow.queue.*` event the app published, in order, with its name. */
export type QueueEventRecord = { name: string; payload: unknown };

export interface QueueTestApp {
  app: INestApplication;
  queue: SmsQueue;
  /** The module's own BullMQ Queue (to read jobs). */
  bull: BullQueue;
  ledger: SmsJobLedger;
  events: QueueEventRecord[];
}

/** A real Nest app: EventEmitterModule + ZixflowModule (global, on the simulator) + ZixflowQueueModule. */
export async function createQueueApp(
  simulator: ZixflowSimulator,
  queue: ZixflowQueueModuleForRootOptions,
  zixflow: Partial<ZixflowModuleOptions> = {},
  { providers = [], ...appOptions }: TestAppOptions & { providers?: Provider[] } = {},
): Promise<QueueTestApp> {
  const app = await createTestApp(
    {
      providers,
      imports: [
        EventEmitterModule.forRoot(),
        ZixflowModule.forRoot({ ...simulatorOptions(simulator, zixflow), isGlobal: true }),
        ZixflowQueueModule.forRoot(queue),
      ],
    },
    appOptions,
  );
  return withHandles(app);
}

/** The handles tests use on an app that imports EventEmitterModule and ZixflowQueueModule, and its queue events. */
export function withHandles(app: INestApplication): QueueTestApp {
  const events: QueueEventRecord[] = [];
  const emitter = app.get(EventEmitter2);
  for (const name of Object.values(ZixflowQueueEvent)) {
    emitter.on(name, (payload: unknown) => events.push({ name, payload }));
  }
  return {
    app,
    queue: app.get(SmsQueue),
    bull: app.get(SmsJobQueue).queue,
    ledger: app.get(SmsJobLedger),
    events,
  };
}

/** The apps of one describe block and how it boots them. */
export interface QueueTestApps {
  /** createQueueApp on the block's simulator; the app is closed (its queue removed) after the test. */
  boot(
    queue: ZixflowQueueModuleForRootOptions,
    zixflow?: Partial<ZixflowModuleOptions>,
    appOptions?: TestAppOptions & { providers?: Provider[] },
  ): Promise<QueueTestApp>;
  /** Closes an app the test built itself after the test, as `boot` does. */
  track(app: QueueTestApp): QueueTestApp;
}

/** Requires Redis (the block fails without it), and closes every app a test booted or tracked after it. */
export function useQueueApps(simulator: ZixflowSimulator): QueueTestApps {
  const apps: QueueTestApp[] = [];
  beforeAll(requireRedis);
  afterEach(async () => {
    for (const app of apps.splice(0)) await closeQueueApp(app);
  });
  const track = (app: QueueTestApp): QueueTestApp => {
    apps.push(app);
    return app;
  };
  return {
    boot: async (queue, zixflow, appOptions) =>
      track(await createQueueApp(simulator, queue, zixflow, appOptions)),
    track,
  };
}

/** Closes the app, then removes its queue (jobs and ledger keys) from Redis. */
export async function closeQueueApp(test: QueueTestApp): Promise<void> {
  await test.app.close();
  await removeQueue(test.bull.name);
}

/** Every key of a queue (BullMQ's and the ledger's), removed with SCAN + DEL. */
export async function removeQueue(queueName: string, prefix = 'bull'): Promise<void> {
  await deleteKeys(REDIS_URL, `${prefix}:${queueName}:`);
}

/** Resolves with the job once it completed or failed for good (polls its state). */
export async function settledJob(bull: BullQueue, jobId: string): Promise<Job<SmsJobData, SmsJobResult>> {
  await until(async () => ['completed', 'failed'].includes(await bull.getJobState(jobId)));
  return (await bull.getJob(jobId)) as Job<SmsJobData, SmsJobResult>;
}
