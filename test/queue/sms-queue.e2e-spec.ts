import Redis from 'ioredis';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ZixflowValidationError, type SendSmsInput } from '../../lib';
import {
  SmsJobCompletedEvent,
  ZixflowQueueEvent,
  ZixflowQueueModule,
  type EnqueueManyProgress,
} from '../../lib/queue';
import { REDIS_URL } from '../utils/redis';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { rejectionOf } from '../utils/thrown-by';
import { createTestApp, simulatorOptions, useTestSimulator } from '../utils/zixflow-test-app';
import { ZixflowModule } from '../../lib';
import {
  RECIPIENT,
  queueOptions,
  randomQueueName,
  settledJob,
  useQueueApps,
  withHandles,
  type QueueTestApp,
} from './queue-test-app';
import { until } from '../utils/until';

const API_KEY = 'sk_queue_key_0123456789';
const SECRET = 'queue-postback-secret-0123456789abcdef';

describe('nestjs-zixflow/queue: enqueue, worker, simulator (real Redis, real Nest app)', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY });
  const apps = useQueueApps(simulator);
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(() => redis.quit());

  function boot(...args: Parameters<typeof queueOptions>): Promise<QueueTestApp> {
    return apps.boot(queueOptions(...args));
  }

  /** Messages the simulator received, in order. */
  const sentTexts = (): unknown[] =>
    simulator.sends.map((send) => (send.body as { message?: unknown }).message);

  it('sends an enqueued SMS through the worker under the sendId fixed at enqueue: job result and completed event', async () => {
    const { queue, bull, events } = await boot(randomQueueName());
    const jobId = await queue.enqueue({ recipient: RECIPIENT, message: 'hello from the queue' });
    const job = await settledJob(bull, jobId);

    expect(sentTexts()).toEqual(['hello from the queue']);
    const requestId = simulator.messages[0]!.requestId;
    expect(job.returnvalue).toEqual({ outcome: 'queued', requestId, sendId: job.data.sendId });
    // The default job id is the send's id.
    expect(jobId).toBe(job.data.sendId);
    expect(events).toEqual([
      {
        name: ZixflowQueueEvent.Completed,
        payload: new SmsJobCompletedEvent(jobId, requestId, job.data.sendId),
      },
    ]);
  });

  it('the same jobId twice is one job and one SMS', async () => {
    const { queue, bull } = await boot(randomQueueName(), { worker: false });
    const first = await queue.enqueue(
      { recipient: RECIPIENT, message: 'once' },
      { jobId: 'order-77-shipped' },
    );
    const second = await queue.enqueue(
      { recipient: RECIPIENT, message: 'twice' },
      { jobId: 'order-77-shipped' },
    );
    expect([first, second]).toEqual(['order-77-shipped', 'order-77-shipped']);
    expect(await bull.getJobCountByTypes('waiting')).toBe(1);

    // A worker instance on the same queue sends it once, with the first call's data.
    const worker = await boot(bull.name);
    await settledJob(worker.bull, 'order-77-shipped');
    expect(sentTexts()).toEqual(['once']);
  });

  it('rejects invalid input at enqueue with ZixflowValidationError naming the field; nothing reaches Redis', async () => {
    const { queue, bull } = await boot(randomQueueName(), { worker: false });
    const error = await rejectionOf(
      queue.enqueue({ recipient: '12', message: 'bad recipient' }),
      ZixflowValidationError,
    );
    expect(error.errors.map((e) => e.field)).toEqual(['recipient']);
    // Bad job options are named too, in the same error as the input's own.
    const both = await rejectionOf(
      queue.enqueue({ recipient: '12', message: 'fine' }, { jobId: '42', delay: -1, priority: 1.5 }),
      ZixflowValidationError,
    );
    expect(both.errors.map((e) => e.field)).toEqual(['recipient', 'jobId', 'delay', 'priority']);
    const jobIdError = await rejectionOf(
      queue.enqueue({ recipient: RECIPIENT, message: 'fine' }, { jobId: 'a:b' }),
      ZixflowValidationError,
    );
    expect(jobIdError.errors.map((e) => e.field)).toEqual(['jobId']);
    expect(await redis.keys(`bull:${bull.name}:*`)).toEqual([]);
  });

  it('enqueueMany: chunks through addBulk, reports invalid items by index, enqueues the rest, reports progress', async () => {
    const { queue, bull } = await boot(randomQueueName(), { worker: false });
    async function* inputs(): AsyncGenerator<SendSmsInput> {
      for (let i = 0; i < 7; i++) {
        yield { recipient: i % 3 === 1 ? 'not-a-number' : RECIPIENT, message: `bulk ${i}` };
      }
    }
    const progress: EnqueueManyProgress[] = [];
    const result = await queue.enqueueMany(inputs(), {
      chunkSize: 2,
      jobId: (input, index) => `campaign-1-${index}`,
      onProgress: (p) => progress.push(p),
    });

    expect(result.enqueued).toBe(5);
    expect(result.invalid.map((item) => item.index)).toEqual([1, 4]);
    expect(result.invalid[0]!.error).toBeInstanceOf(ZixflowValidationError);
    // One progress call per chunk of valid items (two full ones, then the rest).
    expect(progress).toEqual([
      { enqueued: 2, invalid: 1 },
      { enqueued: 4, invalid: 2 },
      { enqueued: 5, invalid: 2 },
    ]);
    const ids = (await bull.getJobs(['waiting'])).map((job) => job.id).sort();
    expect(ids).toEqual(['campaign-1-0', 'campaign-1-2', 'campaign-1-3', 'campaign-1-5', 'campaign-1-6']);
  });

  it('enqueueMany: reports each chunk once when the count is a multiple of chunkSize, and trailing invalid items', async () => {
    const { queue } = await boot(randomQueueName(), { worker: false });
    const valid = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ recipient: RECIPIENT, message: `m ${i}` }));
    const progress: EnqueueManyProgress[] = [];
    await queue.enqueueMany(valid(4), { chunkSize: 2, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { enqueued: 2, invalid: 0 },
      { enqueued: 4, invalid: 0 },
    ]);

    progress.length = 0;
    const trailingInvalid = [...valid(2), { recipient: 'not-a-number', message: 'x' }];
    await queue.enqueueMany(trailingInvalid, { chunkSize: 2, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { enqueued: 2, invalid: 0 },
      { enqueued: 2, invalid: 1 },
    ]);
  });

  it('a worker: false instance only enqueues; counts() shows the jobs waiting', async () => {
    const { queue } = await boot(randomQueueName(), { worker: false });
    await queue.enqueue({ recipient: RECIPIENT, message: 'a' });
    await queue.enqueue({ recipient: RECIPIENT, message: 'b' }, { delay: 60_000 });
    await queue.enqueue({ recipient: RECIPIENT, message: 'c' }, { priority: 1 });
    // Give a worker, had there been one, the time to take them: the simulator still saw nothing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(simulator.sends).toEqual([]);
    expect(await queue.counts()).toEqual({
      waiting: 1,
      active: 0,
      delayed: 1,
      prioritized: 1,
      completed: 0,
      failed: 0,
      paused: 0,
    });
  });

  describe('a promotional SMS to India outside 09:00-21:00 IST (only the clock is faked: 22:00 IST)', () => {
    beforeEach(() => {
      jest.useFakeTimers({
        now: new Date('2026-12-02T16:30:00Z'),
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    });
    afterEach(() => jest.useRealTimers());

    function bootWithWindow(promotionalWindow: 'defer' | 'reject'): Promise<QueueTestApp> {
      return apps.boot(queueOptions(randomQueueName(), { worker: false }), { dlt: { promotionalWindow } });
    }

    it("promotionalWindow 'defer': the job waits in BullMQ until the window opens, not in a worker", async () => {
      const { queue, bull } = await bootWithWindow('defer');
      const jobId = await queue.enqueue({ recipient: RECIPIENT, message: 'sale', route: 'promotional' });
      const job = await bull.getJob(jobId);
      expect(job?.opts.delay).toBe(11 * 3_600_000);
      expect(await job?.getState()).toBe('delayed');
    });

    it("promotionalWindow 'reject': enqueue rejects, naming the route", async () => {
      const { queue } = await bootWithWindow('reject');
      const error = await rejectionOf(
        queue.enqueue({ recipient: RECIPIENT, message: 'sale', route: 'promotional' }),
        ZixflowValidationError,
      );
      expect(error.errors.map((e) => e.field)).toEqual(['route']);
    });
  });

  it('keeps no secret in the job: neither the API key nor the postback secret is in Redis', async () => {
    // The signed URL points nowhere: no postbacks (their retries would outlive the test).
    simulator.setPostbackScenario('*', { statuses: [] });
    const queueName = randomQueueName();
    const app = await createTestApp({
      imports: [
        EventEmitterModule.forRoot(),
        ZixflowModule.forRoot({
          ...simulatorOptions(simulator, {
            postback: { publicUrl: 'http://127.0.0.1:9/hooks/zixflow', secret: SECRET },
          }),
          isGlobal: true,
        }),
        // queueName at the top level: the queue's token is made before the factory runs.
        ZixflowQueueModule.forRootAsync({
          queueName,
          useFactory: () => {
            const { queueName: _name, ...options } = queueOptions(queueName);
            return options;
          },
        }),
      ],
    });
    const test = apps.track(withHandles(app));
    const jobId = await test.queue.enqueue({
      recipient: RECIPIENT,
      message: 'no secrets',
      postBackData: 'ref-1',
    });
    const job = await settledJob(test.bull, jobId);
    expect(job.returnvalue?.outcome).toBe('queued');
    // The send itself carried a signed postback URL; the job never did.
    expect(simulator.sends[0]!.rawBody).toContain('/hooks/zixflow');

    const keys = await redis.keys(`bull:${queueName}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'hash' ? await redis.hgetall(key) : type === 'string' ? await redis.get(key) : type;
      expectNoSecrets(value, [API_KEY, SECRET]);
    }
    expect(JSON.stringify(await redis.hgetall(`bull:${queueName}:${jobId}`))).toContain('no secrets');
  });

  it('workspace: sends with a named ZixflowModule instance (no unnamed one registered)', async () => {
    const queueName = randomQueueName();
    const app = await createTestApp({
      imports: [
        EventEmitterModule.forRoot(),
        ZixflowModule.forRoot({ ...simulatorOptions(simulator), name: 'marketing', isGlobal: true }),
        ZixflowQueueModule.forRoot({ ...queueOptions(queueName), workspace: 'marketing' }),
      ],
    });
    const test = apps.track(withHandles(app));
    const jobId = await test.queue.enqueue({ recipient: RECIPIENT, message: 'from marketing' });
    const job = await settledJob(test.bull, jobId);

    expect(job.returnvalue?.outcome).toBe('queued');
    expect(sentTexts()).toEqual(['from marketing']);
    expect(test.events.map((e) => e.name)).toEqual([ZixflowQueueEvent.Completed]);
  });

  it('processes jobs concurrently and completes them all (counts after)', async () => {
    const { queue, bull } = await boot(randomQueueName());
    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, i) => queue.enqueue({ recipient: RECIPIENT, message: `many ${i}` })),
    );
    await until(async () => (await queue.counts()).completed === 10);
    expect(new Set(sentTexts()).size).toBe(10);
    for (const id of ids) expect((await bull.getJob(id))?.returnvalue?.outcome).toBe('queued');
  });
});
