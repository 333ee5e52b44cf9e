/**
 * (c) Bulk sending in its own process, so its peak RSS (process.resourceUsage().maxRSS) is its own:
 * SmsService.sendMany(inputs, { concurrency }) over `count` messages when the method exists; otherwise
 * (still being written) the same workload as a bounded pool of send() calls, reported as such.
 * argv: baseUrl count concurrency maxMs
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { performance } from 'node:perf_hooks';
import { SmsService, ZixflowModule, type SendSmsInput } from '../../lib';
import { benchZixflowOptions } from '../fixtures';
import { runLoad } from '../load';

type SendManyFn = (inputs: Iterable<SendSmsInput> | SendSmsInput[], opts: { concurrency: number }) => unknown;

async function countResults(pending: unknown): Promise<{ items: number; failed: number }> {
  const isFailure = (item: unknown) =>
    item !== null && typeof item === 'object' && (item as { status?: unknown }).status !== 'queued';
  const result = await pending;
  let items = 0;
  let failed = 0;
  if (result && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    for await (const item of result as AsyncIterable<unknown>) {
      items++;
      if (isFailure(item)) failed++;
    }
  } else if (Array.isArray(result)) {
    items = result.length;
    failed = result.filter(isFailure).length;
  } else if (result && typeof result === 'object') {
    const summary = result as { results?: unknown[]; sent?: number; failed?: number | unknown[] };
    if (Array.isArray(summary.results)) return countResults(summary.results);
    items =
      (summary.sent ?? 0) +
      (typeof summary.failed === 'number' ? summary.failed : (summary.failed?.length ?? 0));
    failed = typeof summary.failed === 'number' ? summary.failed : (summary.failed?.length ?? 0);
  }
  return { items, failed };
}

async function main(): Promise<void> {
  const [baseUrl, countArg, concurrencyArg, maxMsArg] = process.argv.slice(2);
  const count = Number(countArg);
  const concurrency = Number(concurrencyArg);
  const maxMs = Number(maxMsArg);

  @Module({
    imports: [ZixflowModule.forRoot(benchZixflowOptions(baseUrl))],
  })
  class SendManyBenchModule {}
  const app = await NestFactory.createApplicationContext(SendManyBenchModule, { logger: ['error'] });
  const sms = app.get(SmsService);
  const input = (i: number): SendSmsInput => ({
    recipient: `9198${String(i % 100_000_000).padStart(8, '0')}`,
    message: `Your OTP is ${String(i % 1_000_000).padStart(6, '0')}. Do not share it.`,
  });
  // A short warm-up so the JIT and the sockets are ready, then the baseline RSS.
  await runLoad((i) => sms.send(input(i)), 2_000, concurrency, 10_000);
  const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);

  const sendMany = (sms as unknown as { sendMany?: SendManyFn }).sendMany;
  const start = performance.now();
  let mode: 'sendMany' | 'send-loop';
  let completed: number;
  let failed: number;
  if (typeof sendMany === 'function') {
    mode = 'sendMany';
    // A generator, as a job reading its input from a file or cursor would pass: sendMany pulls lazily.
    const inputs = (function* () {
      for (let i = 0; i < count; i++) yield input(i);
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`sendMany did not finish within ${maxMs} ms`)), maxMs);
    });
    const counted = await Promise.race([countResults(sendMany.call(sms, inputs, { concurrency })), timeout]);
    clearTimeout(timer);
    completed = counted.items - counted.failed;
    failed = counted.failed;
  } else {
    mode = 'send-loop';
    const result = await runLoad((i) => sms.send(input(i)), count, concurrency, maxMs);
    completed = result.completed;
    failed = result.failed;
  }
  const ms = performance.now() - start;
  const usage = process.resourceUsage();
  await app.close();
  process.send?.({
    type: 'done',
    mode,
    count,
    completed,
    failed,
    ms,
    perSecond: (completed / ms) * 1000,
    baselineRssKb,
    maxRssKb: usage.maxRSS,
    cpuUserMs: usage.userCPUTime / 1000,
  });
}

process.send?.({ type: 'ready' });
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(1), 150_000).unref();
main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
    process.exit(1);
  });
