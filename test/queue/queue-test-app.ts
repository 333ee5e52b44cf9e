import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import type { Job } from 'bullmq';
import { ZixflowModule, type ZixflowModuleOptions } from '../../lib';
import type { ZixflowSimulator } from '../../lib/testing';
import {
  SmsQueue,
  ZixflowQueueModule,
  type SmsJobData,
  type SmsJobResult,
  type ZixflowQueueModuleOptions,
} from '../../lib/queue';
import { SmsJobQueue } from '../../lib/queue/sms-job.queue';
import { createTestApp, simulatorOptions } from '../utils/zixflow-test-app';
import { REDIS_URL } from '../utils/redis';

/** A queue name of its own for one test, so tests sharing a Redis never see each other's jobs. */
export function randomQueueName(label = 'q'): string {
  return `zixflow-test-${label}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Small delays so retries happen within the test; the lock stays BullMQ's unless a test shortens it. */
export function queueOptions(
  queueName: string,
  extra: Partial<ZixflowQueueModuleOptions> = {},
): ZixflowQueueModuleOptions {
  return {
    connection: { url: REDIS_URL },
    queueName,
    concurrency: 4,
    shutdownTimeoutMs: 2_000,
    attempts: 3,
    backoff: { type: 'fixed', delay: 50 },
    ...extra,
  };
}

export interface QueueTestApp {
  app: INestApplication;
  queue: SmsQueue;
  /** The module's own BullMQ Queue (for reading jobs). */
  bull: SmsJobQueue['queue'];
}

/** A real Nest app: ZixflowModule (global, on the simulator) + EventEmitterModule + ZixflowQueueModule. */
export async function createQueueApp(
  simulator: ZixflowSimulator,
  queue: ZixflowQueueModuleOptions,
  zixflow: Partial<ZixflowModuleOptions> = {},
): Promise<QueueTestApp> {
  const app = await createTestApp({
    imports: [
      EventEmitterModule.forRoot(),
      ZixflowModule.forRoot({ ...simulatorOptions(simulator, zixflow), isGlobal: true }),
      ZixflowQueueModule.forRoot(queue),
    ],
  });
  return { app, queue: app.get(SmsQueue), bull: app.get(SmsJobQueue).queue };
}

/** Resolves with the job once it completed or failed for good (polls its state: no QueueEvents needed). */
export async function settledJob(
  bull: SmsJobQueue['queue'],
  jobId: string,
): Promise<Job<SmsJobData, SmsJobResult>> {
  for (;;) {
    const state = await bull.getJobState(jobId);
    if (state === 'completed' || state === 'failed') {
      return (await bull.getJob(jobId)) as Job<SmsJobData, SmsJobResult>;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
