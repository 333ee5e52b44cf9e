/**
 * `npm run bench`: every comparison in one run, printed side by side as ratios, then one table.
 * Servers run in child processes (2 cores: a client and a server sharing one event loop would skew ratios).
 * Loopback only; every load loop is bounded in count and time. Not part of the tests.
 * BENCH_QUICK=1 shrinks every case (smoke run, figures not meaningful); BENCH_ONLY=a,c picks cases.
 * Cases (e) and (f) need a Redis at REDIS_URL (default redis://127.0.0.1:6379).
 */
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildForChildren } from './build';
import { forkTs } from './child';
import { runSendThroughput, type SendThroughputResult } from './cases/send-throughput.case';
import { runPostbackIngestion, type PostbackIngestionResult } from './cases/postback-ingestion.case';
import { runValidationCpu, type ValidationCpuResult } from './cases/validation-cpu.case';
import { runFanOut } from './cases/fan-out.case';
import { runQueueThroughput, type QueueRunResult } from './cases/queue-throughput.case';
import { fmt, ratio } from './load';

const QUICK = process.env.BENCH_QUICK === '1';
const CONFIG = {
  send: {
    total: QUICK ? 2_000 : 20_000,
    warmup: QUICK ? 500 : 3_000,
    concurrency: 64,
    rounds: QUICK ? 1 : 2,
    maxMsPerRun: 12_000,
  },
  postback: {
    connections: 64,
    durationSec: QUICK ? 2 : 5,
    // Odd, so the median is one round's figure; five, because single rounds swing by a fifth on a shared VM.
    rounds: QUICK ? 1 : 5,
    noopDurationSec: QUICK ? 1 : 4,
    warmupSec: QUICK ? 1 : 2,
  },
  bulk: { count: QUICK ? 5_000 : 100_000, concurrency: 64, maxMs: 60_000 },
  cpuIterations: QUICK ? 5_000 : 50_000,
  queue: {
    total: QUICK ? 2_000 : 20_000,
    warmup: QUICK ? 500 : 2_000,
    concurrency: 64,
    rounds: QUICK ? 1 : 2,
    maxMsPerRun: 60_000,
  },
};

interface BulkResult {
  mode: 'sendMany' | 'send-loop';
  count: number;
  completed: number;
  failed: number;
  ms: number;
  perSecond: number;
  baselineRssKb: number;
  maxRssKb: number;
}

interface Row {
  case: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
}

const rows: Row[] = [];
const yes = (ok: boolean) => (ok ? 'yes' : 'NO');

function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
  return [
    `node ${process.version} (${process.platform} ${process.arch}), V8 ${process.versions.v8}`,
    `cpus: ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown'} (availableParallelism ${os.availableParallelism()})`,
    `memory: ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, load average (1/5/15 min): ${load}`,
  ].join('\n');
}

function section(title: string): void {
  console.log(`\n== ${title}`);
}

async function sendCase(baseUrl: string): Promise<void> {
  const c = CONFIG.send;
  section(
    `(a) send throughput: ${fmt(c.total)} sends, ${c.concurrency} in flight, best of ${c.rounds} alternating rounds`,
  );
  const r: SendThroughputResult = await runSendThroughput({ baseUrl, ...c });
  for (const [name, label] of [
    ['send', 'SmsService.send'],
    ['sendViaAxios', 'SmsService.send, axios path'],
    ['sendNoDirectDispatch', 'send, directDispatch: false'],
    ['sendNoPrecompiledValidation', 'send, precompiledValidation: false'],
    ['rawUndici', 'raw undici Pool POST'],
    ['httpService', 'HttpService.post (axios http)'],
  ] as const) {
    const x = r[name];
    const errs = x.failed ? `  (${x.failed} failed: ${x.firstError})` : '';
    console.log(
      `  ${label.padEnd(32)} ${fmt(x.perSecond).padStart(8)} req/s  ${fmt(x.cpuUsPerCall, 1).padStart(6)} µs client CPU/req  ${fmt(x.completed)} in ${fmt(x.ms)} ms${errs}`,
    );
  }
  const vsRaw = r.send.perSecond / r.rawUndici.perSecond;
  const vsHttp = r.send.perSecond / r.httpService.perSecond;
  console.log(
    `  send / raw undici = ${ratio(r.send.perSecond, r.rawUndici.perSecond)}   send / HttpService.post = ${ratio(r.send.perSecond, r.httpService.perSecond)}   (req/s)`,
  );
  // Throughput a single client core could reach at each one's CPU cost: independent of the stub's speed.
  console.log(
    `  send / raw undici = ${ratio(r.rawUndici.cpuUsPerCall, r.send.cpuUsPerCall)}   send / HttpService.post = ${ratio(r.httpService.cpuUsPerCall, r.send.cpuUsPerCall)}   (by client CPU per request)`,
  );
  console.log(
    `  fast path / axios path (no-op interceptor) = ${ratio(r.send.perSecond, r.sendViaAxios.perSecond)} req/s, ${ratio(r.sendViaAxios.cpuUsPerCall, r.send.cpuUsPerCall)} by CPU`,
  );
  // What each kept fast path buys on its own (the other one stays on): the 10% rule of the README table.
  for (const [name, label] of [
    ['sendNoDirectDispatch', 'directDispatch'],
    ['sendNoPrecompiledValidation', 'precompiledValidation'],
  ] as const) {
    console.log(
      `  ${label} on / off = ${ratio(r.send.perSecond, r[name].perSecond)} req/s, ${ratio(r[name].cpuUsPerCall, r.send.cpuUsPerCall)} by CPU`,
    );
  }
  rows.push(
    {
      case: '(a) send vs raw undici',
      measured: `${fmt(r.send.perSecond)} req/s`,
      baseline: `${fmt(r.rawUndici.perSecond)} req/s`,
      ratio: `${ratio(r.send.perSecond, r.rawUndici.perSecond)} (CPU ${ratio(r.rawUndici.cpuUsPerCall, r.send.cpuUsPerCall)})`,
      target: '>= 0.80x',
      met: yes(vsRaw >= 0.8),
    },
    {
      case: '(a) send vs HttpService.post',
      measured: `${fmt(r.send.perSecond)} req/s`,
      baseline: `${fmt(r.httpService.perSecond)} req/s`,
      ratio: `${ratio(r.send.perSecond, r.httpService.perSecond)} (CPU ${ratio(r.httpService.cpuUsPerCall, r.send.cpuUsPerCall)})`,
      target: '>= 2.50x',
      met: yes(vsHttp >= 2.5),
    },
  );
}

async function postbackCase(
  adapter: 'express' | 'fastify',
  store: 'memory' | 'redis' = 'memory',
): Promise<void> {
  const c = CONFIG.postback;
  const label = store === 'redis' ? '(e) postback with RedisZixflowStore' : '(b) postback';
  section(
    `${label} ingestion over ${adapter}: autocannon ${c.connections} connections, ${c.rounds} alternating rounds of ${c.durationSec} s per endpoint, same unique-body requests to both`,
  );
  const r: PostbackIngestionResult = await runPostbackIngestion(adapter, c, store);
  r.rounds.forEach((round, i) => {
    for (const [label, x] of [
      ['bare 200 endpoint', round.bare],
      ['@ZixflowPostback() endpoint', round.postback],
    ] as const) {
      console.log(
        `  round ${i + 1}  ${label.padEnd(28)} ${fmt(x.requestsPerSecond).padStart(8)} req/s  p50 ${x.latencyP50Ms} ms  p99 ${x.latencyP99Ms} ms  ${fmt(x.total)} requests, ${x.non2xx} non-2xx, ${x.errors} errors`,
      );
    }
    console.log(`  round ${i + 1}  postback / bare = ${fmt(round.ratio, 2)}x`);
  });
  console.log(
    `  handler ran ${fmt(r.handled)} times for ${fmt(r.sent)} answered postbacks (none taken for a duplicate; requests still in flight when a round ends count only on the app side)`,
  );
  console.log(
    `  postback / bare = ${fmt(r.medianRatio, 2)}x (median of ${r.rounds.length} rounds: ${r.rounds.map((x) => fmt(x.ratio, 2)).join(', ')})   no-op guard+interceptor / bare = ${ratio(r.noop.requestsPerSecond, r.medianRound.bare.requestsPerSecond)}`,
  );
  const clean = r.rounds.every((x) => x.postback.non2xx === 0 && x.postback.errors === 0);
  rows.push({
    case: `${label} vs bare (${adapter})`,
    measured: `${fmt(r.medianRound.postback.requestsPerSecond)} req/s`,
    baseline: `${fmt(r.medianRound.bare.requestsPerSecond)} req/s`,
    ratio: `${fmt(r.medianRatio, 2)}x (median of ${r.rounds.length})`,
    target: store === 'redis' ? '>= 0.50x' : '>= 0.70x',
    met: clean ? yes(r.medianRatio >= (store === 'redis' ? 0.5 : 0.7)) : 'NO (non-2xx)',
  });
}

async function fanOutCase(): Promise<void> {
  const count = QUICK ? 200 : 2_000;
  section(
    `(e) fan-out between replicas: ${fmt(count)} postbacks claimed on one RedisZixflowStore, heard on another`,
  );
  const r = await runFanOut(count);
  console.log(
    `  claim -> other instance's listener: p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms, max ${fmt(r.maxMs, 2)} ms (${fmt(r.heard)}/${fmt(count)} heard)`,
  );
  rows.push({
    case: '(e) fan-out latency, p99',
    measured: `${fmt(r.p99Ms, 2)} ms`,
    baseline: '-',
    ratio: '-',
    target: '< 100 ms',
    met: yes(r.heard === count && r.p99Ms < 100),
  });
}

async function bulkCase(baseUrl: string): Promise<void> {
  const c = CONFIG.bulk;
  section(`(c) bulk: ${fmt(c.count)} messages, concurrency ${c.concurrency}, own process`);
  const worker = await forkTs<{ type: 'ready' }>('workers/send-many.worker.ts', [
    baseUrl,
    String(c.count),
    String(c.concurrency),
    String(c.maxMs),
  ]);
  let r: BulkResult;
  try {
    r = await worker.next<BulkResult>('done', c.maxMs + 60_000);
  } finally {
    await worker.stop();
  }
  const label =
    r.mode === 'sendMany'
      ? 'SmsService.sendMany'
      : 'send() x N, 64 in flight (sendMany not in this tree yet)';
  console.log(
    `  ${label}: ${fmt(r.completed)} sent, ${r.failed} failed in ${fmt(r.ms)} ms = ${fmt(r.perSecond)} msg/s`,
  );
  console.log(
    `  RSS after boot + warm-up ${fmt(r.baselineRssKb / 1024, 1)} MB, peak RSS (maxRSS) ${fmt(r.maxRssKb / 1024, 1)} MB`,
  );
  rows.push({
    case: `(c) bulk ${fmt(c.count)} [${r.mode}]`,
    measured: `${fmt(r.perSecond)} msg/s, peak ${fmt(r.maxRssKb / 1024, 1)} MB`,
    baseline: `${fmt(r.baselineRssKb / 1024, 1)} MB at start`,
    ratio: '-',
    target: 'peak RSS < 200 MB',
    met: r.completed + r.failed < c.count ? 'NO (timed out)' : yes(r.maxRssKb / 1024 < 200),
  });
}

async function cpuCase(): Promise<void> {
  section(
    `(d) CPU per send before I/O (${fmt(CONFIG.cpuIterations)} calls, transport replaced by an instant answer)`,
  );
  const r: ValidationCpuResult = await runValidationCpu(CONFIG.cpuIterations);
  console.log(
    `  SmsService.send (validate + compliance + sign postback URL + map + event) ${fmt(r.sendUs, 1)} µs`,
  );
  console.log(
    `  the same send, fastPaths.precompiledValidation: false                    ${fmt(r.sendPlainValidationUs, 1)} µs` +
      `  (precompiled on / off = ${fmt(r.sendPlainValidationUs / r.sendUs, 2)}x)`,
  );
  console.log(
    `  SmsService.sendDlt (render + the above)                                  ${fmt(r.sendDltUs, 1)} µs`,
  );
  console.log(
    `  validateInput(SendSmsDto) alone                                          ${fmt(r.validateOnlyUs, 1)} µs`,
  );
  rows.push({
    case: '(d) CPU per send (send path)',
    measured: `${fmt(r.sendUs, 1)} µs`,
    baseline: `validate ${fmt(r.validateOnlyUs, 1)} µs`,
    ratio: '-',
    target: '< 50 µs',
    met: yes(r.sendUs < 50),
  });
}

async function queueCase(baseUrl: string): Promise<void> {
  const c = CONFIG.queue;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  section(
    `(f) queue end to end: ${fmt(c.total)} jobs enqueued here, sent by one worker process (concurrency ${c.concurrency}), best of ${c.rounds} alternating rounds; sendMany of as many in its own process`,
  );
  const r = await runQueueThroughput({ baseUrl, redisUrl, ...c });
  const line = (label: string, x: QueueRunResult) =>
    console.log(
      `  ${label.padEnd(44)} ${fmt(x.perSecond).padStart(8)} jobs/s  ${fmt(x.workerCpuUsPerJob, 1).padStart(6)} µs worker CPU/job  ${fmt(x.completed)} in ${fmt(x.ms)} ms (enqueued in ${fmt(x.enqueueMs)} ms)${x.failed ? `, ${x.failed} failed` : ''}`,
    );
  r.rounds.forEach((round, i) => {
    line(`round ${i + 1} ZixflowQueueModule (enqueueMany -> worker)`, round.zixflow as QueueRunResult);
    line(`round ${i + 1} hand-written BullMQ worker + undici`, round.raw as QueueRunResult);
  });
  const worker = await forkTs<{ type: 'ready' }>('workers/send-many.worker.ts', [
    baseUrl,
    String(c.total),
    String(c.concurrency),
    String(c.maxMsPerRun),
  ]);
  let bulk: BulkResult;
  try {
    bulk = await worker.next<BulkResult>('done', c.maxMsPerRun + 60_000);
  } finally {
    await worker.stop();
  }
  console.log(
    `  ${`SmsService.${bulk.mode === 'sendMany' ? 'sendMany' : 'send() x N'}, no queue`.padEnd(52)} ${fmt(bulk.perSecond).padStart(8)} msg/s  ${fmt(bulk.completed)} in ${fmt(bulk.ms)} ms`,
  );
  const vsRaw = r.zixflow.perSecond / r.raw.perSecond;
  console.log(
    `  queue / hand-written BullMQ worker = ${ratio(r.zixflow.perSecond, r.raw.perSecond)} jobs/s, ${ratio(r.raw.workerCpuUsPerJob, r.zixflow.workerCpuUsPerJob)} by worker CPU   queue / ${bulk.mode} = ${ratio(r.zixflow.perSecond, bulk.perSecond)}`,
  );
  const clean = r.zixflow.completed === c.total && r.raw.completed === c.total;
  rows.push(
    {
      case: '(f) queue vs hand-written BullMQ',
      measured: `${fmt(r.zixflow.perSecond)} jobs/s`,
      baseline: `${fmt(r.raw.perSecond)} jobs/s`,
      ratio: `${ratio(r.zixflow.perSecond, r.raw.perSecond)} (CPU ${ratio(r.raw.workerCpuUsPerJob, r.zixflow.workerCpuUsPerJob)})`,
      target: '>= 0.80x',
      met: clean ? yes(vsRaw >= 0.8) : 'NO (jobs missing)',
    },
    {
      case: `(f) queue vs ${bulk.mode}`,
      measured: `${fmt(r.zixflow.perSecond)} jobs/s`,
      baseline: `${fmt(bulk.perSecond)} msg/s`,
      ratio: ratio(r.zixflow.perSecond, bulk.perSecond),
      target: '-',
      met: '-',
    },
  );
}

function printTable(): void {
  const headers: Row = {
    case: 'case',
    measured: 'measured',
    baseline: 'baseline',
    ratio: 'ratio',
    target: 'target',
    met: 'met',
  };
  const keys = Object.keys(headers) as Array<keyof Row>;
  const widths = keys.map((k) => Math.max(headers[k].length, ...rows.map((r) => r[k].length)));
  const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log('nestjs-zixflow bench' + (QUICK ? ' (BENCH_QUICK: smoke run, figures not meaningful)' : ''));
  console.log(machine());
  const files = buildForChildren();
  console.log(
    `children run plain JS (${files} files transpiled to node_modules/.cache/nestjs-zixflow-bench)`,
  );
  const only = new Set((process.env.BENCH_ONLY ?? 'a,b,c,d,e,f').split(','));
  const stub = await forkTs<{ type: 'ready'; port: number }>('servers/zixflow-stub.server.ts');
  const baseUrl = `http://127.0.0.1:${stub.ready.port}`;
  try {
    if (only.has('a')) await sendCase(baseUrl);
    if (only.has('b')) await postbackCase('express');
    if (only.has('b')) await postbackCase('fastify');
    if (only.has('e')) await postbackCase('express', 'redis');
    if (only.has('e')) await postbackCase('fastify', 'redis');
    if (only.has('e')) await fanOutCase();
    if (only.has('d')) await cpuCase();
    if (only.has('c')) await bulkCase(baseUrl);
    if (only.has('f')) await queueCase(baseUrl);
  } finally {
    await stub.stop();
  }
  section(
    `summary (${fmt((performance.now() - started) / 1000, 1)} s; load average now ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')})`,
  );
  printTable();
}

// The whole bench must end: a hard stop well past its normal ~4-5 minutes.
setTimeout(() => {
  console.error('bench: hard time limit reached, exiting');
  process.exit(2);
}, 540_000).unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
