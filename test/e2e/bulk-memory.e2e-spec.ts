import 'reflect-metadata';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import type { INestApplication } from '@nestjs/common';
import { SmsService, ZixflowModule, type SendSmsInput } from '../../lib';
import { createTestApp } from '../utils/zixflow-test-app';

/** The size: 200 000 items from an async generator (about 25–45 s on 2 cores); BULK_MEMORY_N overrides. */
const N = Number(process.env.BULK_MEMORY_N ?? 200_000);
const CONCURRENCY = 64;
const MB = 1024 * 1024;
/** Garbage included, so it depends on when V8 collects (and on parallel test load): a loose ceiling only. */
const MAX_PEAK_GROWTH_MB = 300;
/**
 * What is still reachable after a full GC, measured mid-run (every 50 000 items) and after the run. Bounded
 * memory means a couple of MB; buffering the inputs (about 28 MB for 200 000) or 50 000 results (about 10 MB) fails.
 */
const MAX_LIVE_GROWTH_MB = 8;
const CHECKPOINT_EVERY = 50_000;

/** A full GC without `--expose-gc` on the command line (jest is started by `npx jest`). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * The smallest loopback server answering the documented success body, in a worker thread so it runs on the other
 * core and its memory is not the test's heap. The simulator records every request, so it is no use here.
 */
const SERVER_SOURCE = `
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');
const { parentPort } = require('node:worker_threads');
let count = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    count++;
    const body = JSON.stringify({ success: true, message: 'SMS request queued successfully', request_id: randomUUID() });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'count') parentPort.postMessage({ count });
  if (m === 'stop') server.close(() => parentPort.close());
  if (m === 'stop') server.closeAllConnections();
});
`;

async function ask<T>(worker: Worker, message: string): Promise<T> {
  worker.postMessage(message);
  const [reply] = (await once(worker, 'message')) as [T];
  return reply;
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / MB;
}

describe(`streamMany memory: ${N} items from an async generator, consumed and dropped`, () => {
  let worker: Worker;
  let app: INestApplication;
  let sms: SmsService;

  beforeAll(async () => {
    worker = new Worker(SERVER_SOURCE, { eval: true });
    const [{ port }] = (await once(worker, 'message')) as [{ port: number }];
    app = await createTestApp({
      imports: [
        ZixflowModule.forRoot({
          apiKey: 'sk_memory_test',
          workspaceId: 'ws_memory_test',
          baseUrl: `http://127.0.0.1:${port}`,
          defaults: { senderId: 'ZIXFLW', route: 'transactional' },
        }),
      ],
    });
    sms = app.get(SmsService);
  });
  afterAll(async () => {
    await app.close();
    worker.postMessage('stop');
    await once(worker, 'exit');
  });

  async function* items(count: number): AsyncGenerator<SendSmsInput> {
    for (let i = 0; i < count; i++) {
      yield {
        recipient: `91${9_000_000_000 + (i % 1_000_000_000)}`,
        message: `memory test message number ${i}`,
      };
    }
  }

  it('keeps the heap flat: peak growth stays far below the input size', async () => {
    // Warm up first (JIT, sockets, lazily loaded modules), so the baseline is the steady state.
    for await (const _ of sms.streamMany(items(2 * CONCURRENCY), { concurrency: CONCURRENCY })) void _;
    const before = (await ask<{ count: number }>(worker, 'count')).count;
    collectGarbage();
    const baseline = heapMb();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, heapMb())), 50);

    const started = performance.now();
    let queued = 0;
    let seen = 0;
    let liveMidRun = baseline;
    for await (const result of sms.streamMany(items(N), { concurrency: CONCURRENCY })) {
      seen++;
      if (result.status === 'queued') queued++;
      if (seen % 5000 === 0) peak = Math.max(peak, heapMb());
      if (seen % CHECKPOINT_EVERY === 0) {
        collectGarbage();
        liveMidRun = Math.max(liveMidRun, heapMb());
      }
    }
    const elapsedMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, heapMb());
    collectGarbage();
    const retained = heapMb();
    const served = (await ask<{ count: number }>(worker, 'count')).count - before;

    console.log(
      `streamMany ${N} items, concurrency ${CONCURRENCY}: ${Math.round(elapsedMs)} ms ` +
        `(${Math.round((N / elapsedMs) * 1000)}/s); heapUsed baseline ${baseline.toFixed(1)} MB, ` +
        `peak ${peak.toFixed(1)} MB (+${(peak - baseline).toFixed(1)} MB, garbage included), ` +
        `live mid-run at most ${liveMidRun.toFixed(1)} MB (+${(liveMidRun - baseline).toFixed(1)} MB), ` +
        `after a full GC ${retained.toFixed(1)} MB (${(retained - baseline).toFixed(1)} MB retained)`,
    );
    expect(seen).toBe(N);
    expect(queued).toBe(N);
    expect(served).toBe(N);
    expect(peak - baseline).toBeLessThan(MAX_PEAK_GROWTH_MB);
    expect(liveMidRun - baseline).toBeLessThan(MAX_LIVE_GROWTH_MB);
    expect(retained - baseline).toBeLessThan(MAX_LIVE_GROWTH_MB);
    // 200 000 sends take about a minute on a quiet 2-core host and twice that next to other heavy suites: the
    // timeout only stops a hung run.
  }, 600_000);
});
