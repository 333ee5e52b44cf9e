/**
 * (f) Queue throughput end to end: jobs per second from the first enqueue to the last job completed, with one
 * worker process sending to the stub server (another process) over loopback Redis at REDIS_URL.
 * - `zixflow`: SmsQueue.enqueueMany (validation, DLT and compliance checks, a sendId per job) in this process,
 *   ZixflowQueueModule's worker (ledger before and after each send, events) in the child;
 * - `raw`: Queue.addBulk of the wire bodies here, a minimal hand-written BullMQ worker posting them with undici.
 * Same job count, concurrency, chunking and job retention; no limiter. Best of alternating rounds, each on a
 * fresh queue, after a warm-up batch on that queue. The parent polls BullMQ's counts every 10 ms.
 */
import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { performance } from 'node:perf_hooks';
import { ZixflowModule, type SendSmsInput } from '../../lib';
import { SmsQueue, ZixflowQueueModule } from '../../lib/queue';
import { forkTs } from '../child';
import { BENCH_RECIPIENT, benchZixflowOptions } from '../fixtures';

/** `zixflow-plain`: the module with its fast paths off (`fastPaths: { batchedLedger: false }`), for profile-queue.ts. */
export type QueueMode = 'zixflow' | 'zixflow-plain' | 'raw';

export interface QueueRunResult {
  mode: QueueMode;
  jobs: number;
  completed: number;
  failed: number;
  /** First enqueue to last completion. */
  ms: number;
  perSecond: number;
  /** When the last chunk was in Redis, from the first enqueue. */
  enqueueMs: number;
  /** The worker process's CPU time (user + system) per job, in µs, warm-up excluded. */
  workerCpuUsPerJob: number;
}

export interface QueueThroughputOptions {
  baseUrl: string;
  redisUrl: string;
  total: number;
  warmup: number;
  concurrency: number;
  rounds: number;
  maxMsPerRun: number;
  /** Node flags for the worker processes (`--cpu-prof`, from bench/profile-queue.ts); none by default. */
  workerExecArgv?: string[];
  /** Contenders, in the first round's order (each round rotates it). Default raw, zixflow. */
  modes?: QueueMode[];
}

export interface QueueThroughputResult {
  zixflow: QueueRunResult;
  raw: QueueRunResult;
  rounds: Array<Partial<Record<QueueMode, QueueRunResult>>>;
}

const PREFIX = 'zixflow-bench';
const CHUNK = 500;
/** The module's default retention, given to the raw jobs too: BullMQ's work per job depends on it. */
const KEEP = { age: 24 * 60 * 60 };
const ATTEMPTS = 5;
const BACKOFF = { type: 'exponential', delay: 1000 };

const input = (i: number): SendSmsInput => ({
  recipient: BENCH_RECIPIENT,
  message: `Your OTP is ${String(i % 1_000_000).padStart(6, '0')}. Do not share it.`,
});

/** What SmsService puts on the wire for `input(i)` with the bench defaults. */
const wireBody = (i: number) => ({ ...input(i), sender_id: 'ZIXFLW', route: 'transactional' });

/** Enqueues `from` .. `to - 1` the way each contender's users would. */
type Producer = (from: number, to: number) => Promise<void>;

async function zixflowProducer(
  baseUrl: string,
  redisUrl: string,
  queueName: string,
): Promise<{ produce: Producer; close: () => Promise<void> }> {
  @Module({
    imports: [
      ZixflowModule.forRoot({ ...benchZixflowOptions(baseUrl), isGlobal: true }),
      ZixflowQueueModule.forRoot({ connection: { url: redisUrl }, queueName, prefix: PREFIX, worker: false }),
    ],
  })
  class QueueProducerBenchModule {}
  const app: INestApplicationContext = await NestFactory.createApplicationContext(QueueProducerBenchModule, {
    logger: ['error'],
  });
  const smsQueue = app.get(SmsQueue);
  return {
    produce: async (from, to) => {
      const items = function* () {
        for (let i = from; i < to; i++) yield input(i);
      };
      const { enqueued, invalid } = await smsQueue.enqueueMany(items(), { chunkSize: CHUNK });
      if (enqueued !== to - from || invalid.length > 0)
        throw new Error(`enqueueMany: ${invalid.length} invalid`);
    },
    close: () => app.close(),
  };
}

function rawProducer(queue: Queue): Producer {
  return async (from, to) => {
    for (let start = from; start < to; start += CHUNK) {
      const jobs = [];
      for (let i = start; i < Math.min(to, start + CHUNK); i++) {
        jobs.push({
          name: 'sms',
          data: wireBody(i),
          opts: { attempts: ATTEMPTS, backoff: BACKOFF, removeOnComplete: KEEP, removeOnFail: KEEP },
        });
      }
      await queue.addBulk(jobs);
    }
  };
}

/** Resolves once `count` jobs are completed or failed, or after `maxMs`; with the last counts seen. */
async function finished(
  queue: Queue,
  count: number,
  maxMs: number,
): Promise<{ completed: number; failed: number }> {
  const deadline = performance.now() + maxMs;
  for (;;) {
    const counts = await queue.getJobCounts('completed', 'failed');
    const completed = counts.completed ?? 0;
    const failed = counts.failed ?? 0;
    if (completed + failed >= count || performance.now() > deadline) return { completed, failed };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function deleteQueueKeys(redisUrl: string, queueName: string): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${PREFIX}:${queueName}:*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

async function oneRun(mode: QueueMode, round: number, opts: QueueThroughputOptions): Promise<QueueRunResult> {
  const queueName = `queue-${mode}-${process.pid}-${round}`;
  const queue = new Queue(queueName, { connection: { url: opts.redisUrl }, prefix: PREFIX });
  const zixflow = mode !== 'raw' ? await zixflowProducer(opts.baseUrl, opts.redisUrl, queueName) : undefined;
  const produce = zixflow?.produce ?? rawProducer(queue);
  const worker = await forkTs<{ type: 'ready' }>(
    'workers/queue.worker.ts',
    [mode, opts.baseUrl, opts.redisUrl, queueName, PREFIX, String(opts.concurrency)],
    30_000,
    { execArgv: opts.workerExecArgv ?? [] },
  );
  try {
    await produce(0, opts.warmup);
    await finished(queue, opts.warmup, opts.maxMsPerRun);
    worker.proc.send({ type: 'stats' });
    const cpuBefore = (await worker.next<{ cpuUs: number }>('stats')).cpuUs;

    const start = performance.now();
    await produce(opts.warmup, opts.warmup + opts.total);
    const enqueueMs = performance.now() - start;
    const end = await finished(queue, opts.warmup + opts.total, opts.maxMsPerRun);
    const ms = performance.now() - start;

    worker.proc.send({ type: 'stats' });
    const cpuAfter = (await worker.next<{ cpuUs: number }>('stats')).cpuUs;
    const completed = end.completed - opts.warmup;
    return {
      mode,
      jobs: opts.total,
      completed,
      failed: end.failed,
      ms,
      perSecond: (completed / ms) * 1000,
      enqueueMs,
      workerCpuUsPerJob: completed > 0 ? (cpuAfter - cpuBefore) / completed : NaN,
    };
  } finally {
    await worker.stop();
    await zixflow?.close();
    await queue.close();
    await deleteQueueKeys(opts.redisUrl, queueName);
  }
}

export async function runQueueThroughput(opts: QueueThroughputOptions): Promise<QueueThroughputResult> {
  const rounds: Array<Partial<Record<QueueMode, QueueRunResult>>> = [];
  const modes = opts.modes ?? ['raw', 'zixflow'];
  // Alternating, so drift (thermal, neighbours) hits all alike; the order rotates each round.
  for (let round = 0; round < opts.rounds; round++) {
    const order = modes.map((_, i) => modes[(i + round) % modes.length]);
    const results: Partial<Record<QueueMode, QueueRunResult>> = {};
    for (const mode of order) results[mode] = await oneRun(mode, round, opts);
    rounds.push(results);
  }
  const best = (mode: QueueMode) =>
    rounds.map((r) => r[mode] as QueueRunResult).reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return { zixflow: best('zixflow'), raw: best('raw'), rounds };
}
