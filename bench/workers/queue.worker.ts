/**
 * (f) One queue worker in its own process, of either kind, on the queue the parent fills:
 * - `zixflow`: a Nest app with ZixflowModule and ZixflowQueueModule (worker: true), as users run it;
 *   `zixflow-plain` the same with the queue's fast paths off;
 * - `raw`: the minimal hand-written BullMQ worker it is measured against, which POSTs each job's wire body
 *   with an undici Pool (no validation, no ledger, no events).
 * Same concurrency, no limiter, same job retention. Tells the parent `ready`; answers `stats` with its CPU time
 * and system calls so far.
 * argv: mode baseUrl redisUrl queueName prefix concurrency
 */
import 'reflect-metadata';
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import { Pool } from 'undici';
import { ZixflowModule } from '../../lib';
import { ZixflowQueueModule } from '../../lib/queue';
import { BENCH_API_KEY, BENCH_WORKSPACE, SEND_PATH, benchZixflowOptions } from '../fixtures';

/** The headers SmsService puts on the wire, less its user agent. */
const WIRE_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json',
  'x-api-key': BENCH_API_KEY,
  'x-workspace-id': BENCH_WORKSPACE,
};

const [mode, baseUrl, redisUrl, queueName, prefix, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const connection = { url: redisUrl };

async function startZixflow(): Promise<() => Promise<void>> {
  @Module({
    imports: [
      ZixflowModule.forRoot({ ...benchZixflowOptions(baseUrl), isGlobal: true }),
      ZixflowQueueModule.forRoot({
        connection,
        queueName,
        prefix,
        concurrency,
        worker: true,
        fastPaths: { batchedLedger: mode !== 'zixflow-plain' },
      }),
    ],
  })
  class QueueWorkerBenchModule {}
  const app: INestApplicationContext = await NestFactory.createApplicationContext(QueueWorkerBenchModule, {
    logger: ['error'],
  });
  return () => app.close();
}

async function startRaw(): Promise<() => Promise<void>> {
  const pool = new Pool(new URL(baseUrl).origin, { connections: concurrency, pipelining: 1 });
  const worker = new Worker(
    queueName,
    async (job) => {
      const res = await pool.request({
        path: SEND_PATH,
        method: 'POST',
        headers: WIRE_HEADERS,
        body: JSON.stringify(job.data),
      });
      const body = (await res.body.json()) as { success?: boolean; request_id?: string };
      if (res.statusCode !== 200 || body.success !== true || !body.request_id) throw new Error('bad answer');
      return { requestId: body.request_id };
    },
    { connection, prefix, concurrency },
  );
  await worker.waitUntilReady();
  return async () => {
    await worker.close();
    await pool.close();
  };
}

/** Read and write system calls made so far (Linux' /proc/self/io; undefined elsewhere). */
function syscalls(): { reads?: number; writes?: number } {
  try {
    const io = fs.readFileSync('/proc/self/io', 'utf8');
    return { reads: Number(/^syscr: (\d+)/m.exec(io)?.[1]), writes: Number(/^syscw: (\d+)/m.exec(io)?.[1]) };
  } catch {
    return {};
  }
}

const profileDir = process.env.QUEUE_WORKER_PROFILE_DIR;
let stats = 0;
let session: inspector.Session | undefined;

function toggleProfile(start: boolean, dir: string): void {
  if (start) {
    session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable', () => session?.post('Profiler.start'));
    return;
  }
  session?.post('Profiler.stop', (error, result) => {
    if (!error)
      fs.writeFileSync(path.join(dir, `${mode}.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
}

async function main(): Promise<void> {
  const stop = mode === 'raw' ? await startRaw() : await startZixflow();
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stats') {
      stats++;
      // QUEUE_WORKER_PROFILE_DIR: a CPU profile of the measured run alone (from the 1st stats to the 2nd).
      if (profileDir && stats <= 2) toggleProfile(stats === 1, profileDir);
      const cpu = process.cpuUsage();
      process.send?.({ type: 'stats', cpuUs: cpu.user + cpu.system, systemUs: cpu.system, ...syscalls() });
    }
    if (message?.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready' });
}

// Never outlive the bench.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(1), 300_000).unref();
main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
