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
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ZixflowModule, type SendSmsInput } from '../../lib';
import { SmsQueue, ZixflowQueueModule } from '../../lib/queue';
import { forkTs, type Child } from '../child';
import { BENCH_RECIPIENT, benchZixflowOptions } from '../fixtures';

/**
 * `zixflow-plain`: the module with its fast paths off (`fastPaths: { batchedLedger: false }`), for profile-queue.ts;
 * `zixflow-base`: the module's worker from another build of the tree (QUEUE_BASE_BUILD, a directory beside the
 * bench's own build under node_modules/.cache), to compare two versions of the code in one run.
 */
export type QueueMode = 'zixflow' | 'zixflow-plain' | 'zixflow-base' | 'raw';

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
  /** The system (kernel) part of it. */
  workerSystemUsPerJob: number;
  /** The worker's read and write system calls per job (Linux only, else NaN), warm-up excluded. */
  workerReadsPerJob: number;
  workerWritesPerJob: number;
  /** With `callgrind`: the worker's instructions per job (every thread, user space), warm-up excluded. */
  workerInstructionsPerJob?: number;
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
  /**
   * Runs the workers under `valgrind --tool=callgrind` (bench/profile-queue.ts): their instructions per job
   * measure what a busy host does not skew; jobs/s and CPU time then mean nothing.
   */
  callgrind?: boolean;
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

/** What a worker answers to `stats` (bench/workers/queue.worker.ts). */
interface WorkerStats {
  cpuUs: number;
  systemUs: number;
  reads?: number;
  writes?: number;
}

/** Where callgrind writes the workers' counts (`.<n>` appended per dump). */
const CALLGRIND_OUT = path.join(os.tmpdir(), 'callgrind.queue.%p');

/**
 * Runs callgrind_control on the worker; it acts when the worker next runs code, so the worker is asked for its
 * stats every 200 ms until the tool is done.
 */
async function callgrindControl(worker: Child<{ type: 'ready' }>, flag: string): Promise<void> {
  const tool = spawn('callgrind_control', [flag, String(worker.proc.pid)], { stdio: 'ignore' });
  let done = false;
  tool.on('exit', () => (done = true));
  while (!done) {
    worker.proc.send({ type: 'stats' });
    await worker.next('stats', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The instructions counted in the worker's dump `n` (callgrind's `summary:` line). */
function callgrindTotal(pid: number, n: number): number {
  const file = `${CALLGRIND_OUT.replace('%p', String(pid))}.${n}`;
  const match = /^summary: (\d+)/m.exec(fs.readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no summary in ${file}`);
  return Number(match[1]);
}

async function oneRun(mode: QueueMode, round: number, opts: QueueThroughputOptions): Promise<QueueRunResult> {
  const queueName = `queue-${mode}-${process.pid}-${round}`;
  const queue = new Queue(queueName, { connection: { url: opts.redisUrl }, prefix: PREFIX });
  const zixflow = mode !== 'raw' ? await zixflowProducer(opts.baseUrl, opts.redisUrl, queueName) : undefined;
  const produce = zixflow?.produce ?? rawProducer(queue);
  const base = process.env.QUEUE_BASE_BUILD;
  if (mode === 'zixflow-base' && !base) throw new Error('zixflow-base needs QUEUE_BASE_BUILD');
  const worker = await forkTs<{ type: 'ready' }>(
    mode === 'zixflow-base' ? `../../${base}/bench/workers/queue.worker.ts` : 'workers/queue.worker.ts',
    [
      mode === 'zixflow-base' ? 'zixflow' : mode,
      opts.baseUrl,
      opts.redisUrl,
      queueName,
      PREFIX,
      String(opts.concurrency),
    ],
    opts.callgrind ? 600_000 : 30_000,
    opts.callgrind
      ? { valgrind: ['--tool=callgrind', '--dump-instr=no', '-q', `--callgrind-out-file=${CALLGRIND_OUT}`] }
      : { execArgv: opts.workerExecArgv ?? [] },
  );
  try {
    await produce(0, opts.warmup);
    await finished(queue, opts.warmup, opts.maxMsPerRun);
    if (opts.callgrind) await callgrindControl(worker, '--zero');
    worker.proc.send({ type: 'stats' });
    const before = await worker.next<WorkerStats>('stats');

    const start = performance.now();
    await produce(opts.warmup, opts.warmup + opts.total);
    const enqueueMs = performance.now() - start;
    const end = await finished(queue, opts.warmup + opts.total, opts.maxMsPerRun);
    const ms = performance.now() - start;
    const completed = end.completed - opts.warmup;

    worker.proc.send({ type: 'stats' });
    const after = await worker.next<WorkerStats>('stats');
    const perJob = (key: keyof WorkerStats) =>
      completed > 0 ? ((after[key] ?? NaN) - (before[key] ?? NaN)) / completed : NaN;
    let workerInstructionsPerJob: number | undefined;
    if (opts.callgrind) {
      await callgrindControl(worker, '--dump');
      workerInstructionsPerJob = callgrindTotal(worker.proc.pid as number, 1) / completed;
    }
    return {
      mode,
      jobs: opts.total,
      completed,
      failed: end.failed,
      ms,
      perSecond: (completed / ms) * 1000,
      enqueueMs,
      workerCpuUsPerJob: perJob('cpuUs'),
      workerSystemUsPerJob: perJob('systemUs'),
      workerReadsPerJob: perJob('reads'),
      workerWritesPerJob: perJob('writes'),
      workerInstructionsPerJob,
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
