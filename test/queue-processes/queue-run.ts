import type { INestApplication } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import {
  ZixflowQueueModule,
  SmsQueue,
  type SmsJobResult,
  type ZixflowQueueModuleOptions,
} from '../../lib/queue';
import type { RecordedRequest, ZixflowSimulator } from '../../lib/testing';
import { ZixflowModule } from '../../lib';
import { createTestApp, simulatorOptions } from '../utils/zixflow-test-app';
import { deleteKeys, randomPrefix, REDIS_URL, requireRedis } from '../utils/redis';
import type { QueueWorkerConfig } from './queue-worker-config.interface';
import {
  removeWorkerBuild,
  startQueueWorker,
  type QueueWorkerProcess,
  type RelayedEvent,
} from './queue-worker.process';

export const RECIPIENT = '919876543210';

/** The i-th SMS of a run: its text carries a marker the simulator's records are counted by. */
export function markedInput(i: number): { recipient: string; message: string } {
  return { recipient: RECIPIENT, message: `Your order ${i} has shipped [job ${i}]` };
}

/** The job number a request to the simulator carries, from its text (any request: a 429'd one too). */
export function markerOf(send: RecordedRequest): number {
  const match = /\[job (\d+)\]/.exec(String((send.body as { message?: unknown }).message));
  if (!match) throw new Error(`send without a job marker: ${send.rawBody}`);
  return Number(match[1]);
}

/** How many sends the simulator accepted per job number. */
export function sendsPerJob(sends: RecordedRequest[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const send of sends) counts.set(markerOf(send), (counts.get(markerOf(send)) ?? 0) + 1);
  return counts;
}

/** Job ids of a run: `job-0`, `job-1`... (the module refuses integer ids). */
export const jobId = (i: number): string => `job-${i}`;

const JOB_STATES = [
  'completed',
  'failed',
  'active',
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
] as const;

/** What BullMQ holds of a job at the end: its state and, when completed, its result. */
export interface JobEnd {
  id: string;
  state: string;
  result: SmsJobResult | undefined;
  failedReason: string | undefined;
  /** When a worker took it (BullMQ's `processedOn`: the worker's clock as it moved the job to active). */
  processedOn: number | undefined;
}

/**
 * One queue of a test file: a name and key prefix of its own on the shared Redis, an enqueue-only app in the
 * test process (`worker: false`, as an API replica), worker processes started through it, a plain BullMQ
 * Queue to read job states, and everything removed in afterAll (processes killed, keys deleted).
 */
export interface QueueRun {
  readonly queueName: string;
  readonly prefix: string;
  /** The SmsQueue of the enqueue-only app. */
  readonly smsQueue: SmsQueue;
  /** Every queue event any worker process of this run published, in arrival order. */
  readonly events: RelayedEvent[];
  /** Starts a worker process on this queue; `queue` adds module options (limiter, concurrency...). */
  startWorker(
    label: string,
    queue?: Omit<ZixflowQueueModuleOptions, 'connection' | 'prefix'>,
    zixflow?: QueueWorkerConfig['zixflow'],
  ): Promise<QueueWorkerProcess>;
  /** Enqueues jobs `from` .. `to - 1` (markedInput, jobId) through enqueueMany. */
  enqueue(to: number, from?: number): Promise<void>;
  /** Resolves once `total` jobs are completed or failed (no deadline of its own: Jest's timeout is it). */
  settled(total: number): Promise<void>;
  /** Every job BullMQ holds of this queue, with its state. */
  jobEnds(): Promise<JobEnd[]>;
  /** Job counts by state (BullMQ's). */
  counts(): Promise<Record<string, number>>;
}

export function useQueueRun(simulator: ZixflowSimulator, label: string): QueueRun {
  const queueName = `zixflow-sms-${label}`;
  // randomPrefix ends with ':', BullMQ adds its own.
  const prefix = randomPrefix(`queue-${label}`).slice(0, -1);
  const connection = { url: REDIS_URL };
  const workers: QueueWorkerProcess[] = [];
  const events: RelayedEvent[] = [];
  let app: INestApplication | undefined;
  let inspect: Queue | undefined;

  beforeAll(async () => {
    await requireRedis();
    app = await createTestApp({
      imports: [
        ZixflowModule.forRoot({ ...simulatorOptions(simulator), isGlobal: true }),
        ZixflowQueueModule.forRoot({ connection, queueName, prefix, worker: false }),
      ],
    });
    inspect = new Queue(queueName, { connection, prefix });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    removeWorkerBuild();
    await app?.close();
    if (inspect === undefined) return; // no Redis: nothing was written, and nothing to connect to
    await inspect.close();
    await deleteKeys(REDIS_URL, `${prefix}:`);
  });

  const queue = (): Queue => {
    if (!inspect) throw new Error('the queue run is not started (beforeAll failed?)');
    return inspect;
  };

  return {
    queueName,
    prefix,
    events,
    get smsQueue(): SmsQueue {
      if (!app) throw new Error('the queue run is not started (beforeAll failed?)');
      return app.get(SmsQueue);
    },
    async startWorker(workerLabel, options = {}, zixflow) {
      // Jest still runs the next beforeAll when one failed (no Redis): fail at once rather than start a worker.
      queue();
      const config: QueueWorkerConfig = {
        label: `${label}/${workerLabel}`,
        apiKey: simulator.apiKey,
        workspaceId: simulator.workspaceId,
        baseUrl: simulator.url,
        redisUrl: REDIS_URL,
        zixflow,
        queue: { ...options, queueName, prefix, worker: true },
      };
      const worker = await startQueueWorker(config, events);
      workers.push(worker);
      return worker;
    },
    async enqueue(to, from = 0) {
      const inputs = function* () {
        for (let i = from; i < to; i++) yield markedInput(i);
      };
      const result = await this.smsQueue.enqueueMany(inputs(), {
        jobId: (_input, index) => jobId(from + index),
      });
      if (result.invalid.length > 0 || result.enqueued !== to - from) {
        throw new Error(`enqueueMany: ${result.enqueued} enqueued, ${result.invalid.length} invalid`);
      }
    },
    async settled(total) {
      for (;;) {
        const counts = await queue().getJobCounts('completed', 'failed');
        if ((counts.completed ?? 0) + (counts.failed ?? 0) >= total) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async jobEnds() {
      const ends: JobEnd[] = [];
      for (const state of JOB_STATES) {
        const jobs: Job[] = await queue().getJobs([state], 0, -1);
        for (const job of jobs) {
          ends.push({
            id: job.id as string,
            state,
            result: job.returnvalue as SmsJobResult | undefined,
            failedReason: job.failedReason || undefined,
            processedOn: job.processedOn,
          });
        }
      }
      return ends;
    },
    async counts() {
      return queue().getJobCounts();
    },
  };
}
