/**
 * Profiling aid, not run by `npm run bench`: the queue ledger's own CPU per job, with and without
 * `fastPaths.batchedLedger`, in one process on Redis at REDIS_URL. Each job does what the worker does around its
 * send: `begin` (read + `sending`), a wait standing in for the HTTP call (a timer of 0-2 ms), then `queued`;
 * 64 jobs at a time. `none` runs the same loop without the ledger, so ledger CPU = variant - none. Alternating
 * rounds; prints each round and the medians. Build the plain-JS copy first (see profile-queue.ts), then:
 *   node node_modules/.cache/nestjs-zixflow-bench/bench/profile-ledger.js <rounds> <jobs>
 */
import { Queue } from 'bullmq';
import type { SmsJobData, SmsJobResult } from '../lib/queue';
import { resolveQueueOptions } from '../lib/queue/resolve-queue-options';
import { SmsJobQueue } from '../lib/queue/sms-job.queue';
import { SmsJobLedger } from '../lib/queue/sms-job.ledger';

type Variant = 'none' | 'plain' | 'batched';
const CONCURRENCY = 64;
const PREFIX = 'zixflow-bench';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function oneRun(variant: Variant, round: number, jobs: number, redisUrl: string): Promise<number> {
  const queueName = `ledger-${variant}-${process.pid}-${round}`;
  const options = resolveQueueOptions(
    { connection: { url: redisUrl }, prefix: PREFIX, fastPaths: { batchedLedger: variant === 'batched' } },
    queueName,
  );
  const queue = new SmsJobQueue(
    new Queue<SmsJobData, SmsJobResult>(queueName, { connection: options.connection, prefix: PREFIX }),
  );
  const ledger = new SmsJobLedger(queue, options);
  const client = await queue.queue.backend.client;
  const job = async (i: number) => {
    const jobId = `job-${i}`;
    const sendId = `send-${i}`;
    if (variant !== 'none') await ledger.begin(jobId, sendId);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
    if (variant !== 'none') await ledger.write(jobId, { state: 'queued', sendId, requestId: `req-${i}` });
  };
  let next = 0;
  const lane = async () => {
    while (next < jobs) await job(next++);
  };
  try {
    // Warm-up on the same ledger, then the measured jobs.
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    next = 0;
    const cpu = process.cpuUsage();
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / jobs;
  } finally {
    let cursor = '0';
    do {
      const [after, keys] = (await client.scan(cursor, { MATCH: `${ledger.key('')}*`, COUNT: 1000 })) as [
        string,
        string[],
      ];
      if (keys.length > 0) await client.del(...keys);
      cursor = after;
    } while (cursor !== '0');
    await queue.queue.close();
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const jobs = Number(process.argv[3] ?? 20_000);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const variants: Variant[] = ['none', 'plain', 'batched'];
  const results: Record<Variant, number[]> = { none: [], plain: [], batched: [] };
  for (let round = 0; round < rounds; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length]);
    const line: string[] = [];
    for (const variant of order) {
      const us = await oneRun(variant, round, jobs, redisUrl);
      results[variant].push(us);
      line.push(`${variant} ${us.toFixed(1)}`);
    }
    console.log(`round ${round + 1}: ${line.join('  ')} µs CPU/job`);
  }
  const none = median(results.none);
  for (const variant of ['plain', 'batched'] as const) {
    const m = median(results[variant]);
    console.log(`${variant.padEnd(8)} median ${m.toFixed(1)} µs/job, ledger ${(m - none).toFixed(1)} µs/job`);
  }
  console.log(`none     median ${none.toFixed(1)} µs/job`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
