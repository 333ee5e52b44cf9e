import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { BullModule, InjectQueue, Processor, WorkerHost, getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { ZixflowConfigError, ZixflowModule } from '../../lib';
import { ZixflowQueueModule } from '../../lib/queue';
import { SmsQueueWorker } from '../../lib/queue/sms-queue.worker';
import { REDIS_URL } from '../utils/redis';
import { rejectionOf } from '../utils/thrown-by';
import { createTestApp, simulatorOptions, useTestSimulator } from '../utils/zixflow-test-app';
import {
  RECIPIENT,
  queueOptions,
  randomQueueName,
  removeQueue,
  settledJob,
  useQueueApps,
  withHandles,
  type QueueTestApp,
} from './queue-test-app';
import { until } from '../utils/until';

/** The app's own queue, on its own prefix: a @Processor names its queue when the class is declared. */
const APP_QUEUE = randomQueueName('app');
const APP_PREFIX = 'zixflow-test-app';
/** Ours, named when the class below is declared too. */
const SMS_QUEUE = randomQueueName('shared');

/** The app's own @nestjs/bullmq processor, next to ours. */
@Processor(APP_QUEUE)
class DoublingProcessor extends WorkerHost {
  async process(job: Job<{ n: number }>): Promise<number> {
    return job.data.n * 2;
  }
}

/** Injects both queues the way an app does. */
@Injectable()
class QueueHandles {
  constructor(
    @InjectQueue(APP_QUEUE) readonly app: Queue,
    @InjectQueue(SMS_QUEUE) readonly sms: Queue,
  ) {}
}

describe('nestjs-zixflow/queue on @nestjs/bullmq', () => {
  const simulator = useTestSimulator();
  const apps = useQueueApps(simulator);

  afterAll(() => removeQueue(APP_QUEUE, APP_PREFIX));

  it("runs next to the app's own BullModule.forRoot, queue and processor: each queue keeps its options, both are injectable", async () => {
    const queueName = SMS_QUEUE;
    const app = await createTestApp({
      imports: [
        EventEmitterModule.forRoot(),
        ZixflowModule.forRoot({ ...simulatorOptions(simulator), isGlobal: true }),
        // The app's shared configuration: its prefix and job defaults are not the queue module's.
        BullModule.forRoot({
          connection: { url: REDIS_URL },
          prefix: APP_PREFIX,
          defaultJobOptions: { attempts: 9 },
        }),
        BullModule.registerQueue({ name: APP_QUEUE }),
        ZixflowQueueModule.forRoot(queueOptions(queueName)),
      ],
      providers: [DoublingProcessor, QueueHandles],
    });
    const test = apps.track(withHandles(app));
    const handles = app.get(QueueHandles);

    // Ours: the same Queue under @nestjs/bullmq's token, with the module's prefix and job defaults.
    expect(handles.sms).toBe(test.bull);
    expect(app.get(getQueueToken(queueName))).toBe(test.bull);
    expect(test.bull.opts.prefix).toBe('bull');
    const jobId = await test.queue.enqueue({ recipient: RECIPIENT, message: 'next to the app queue' });
    const job = await settledJob(test.bull, jobId);
    expect(job.returnvalue?.outcome).toBe('queued');
    expect(job.opts.attempts).toBe(3);

    // The app's: its own prefix and defaults, processed by its own processor.
    expect(handles.app.opts.prefix).toBe(APP_PREFIX);
    const appJob = await handles.app.add('double', { n: 21 });
    expect(appJob.opts.attempts).toBe(9);
    await until(async () => (await handles.app.getJobState(appJob.id as string)) === 'completed');
    expect((await handles.app.getJob(appJob.id as string))?.returnvalue).toBe(42);
    expect(simulator.sends).toHaveLength(1);
  });

  it('forRootAsync: the options an async factory resolves reach the worker @nestjs/bullmq creates; worker: false creates none', async () => {
    const boot = async (queueName: string, worker: boolean): Promise<QueueTestApp> => {
      const { queueName: _name, ...options } = queueOptions(queueName, {
        worker,
        concurrency: 7,
        limiter: { max: 40, duration: 500 },
        lockDurationMs: 12_000,
      });
      const app = await createTestApp({
        imports: [
          EventEmitterModule.forRoot(),
          ZixflowModule.forRoot({ ...simulatorOptions(simulator), isGlobal: true }),
          ZixflowQueueModule.forRootAsync({
            queueName,
            useFactory: async () => {
              await new Promise((resolve) => setTimeout(resolve, 10));
              return options;
            },
          }),
        ],
      });
      return apps.track(withHandles(app));
    };
    const queueName = randomQueueName('async');
    const api = await boot(queueName, false);
    expect(await api.bull.getWorkersCount()).toBe(0);

    const test = await boot(queueName, true);
    const worker = test.app.get(SmsQueueWorker).worker;
    expect(worker.opts).toMatchObject({
      concurrency: 7,
      // Spread (the default): 500 ms cut into five windows of 100 ms (no shorter), each taking a fifth of the jobs.
      limiter: { max: 8, duration: 100 },
      lockDuration: 12_000,
      stalledInterval: 12_000,
      autorun: false,
    });
    // Started at bootstrap, on the queue's connection and prefix.
    expect(worker.isRunning()).toBe(true);
    // BullMQ names the worker's connection (what getWorkersCount lists) once it is up, just after isRunning.
    await until(async () => (await test.bull.getWorkersCount()) === 1);
    const jobId = await api.queue.enqueue({ recipient: RECIPIENT, message: 'from the async options' });
    expect((await settledJob(test.bull, jobId)).returnvalue?.outcome).toBe('queued');
  });

  it('refuses a queueName in a forRootAsync factory result, at boot, naming the top-level option', async () => {
    const compiling = Test.createTestingModule({
      imports: [
        ZixflowModule.forRoot({ ...simulatorOptions(simulator), isGlobal: true }),
        ZixflowQueueModule.forRootAsync({
          useFactory: () => ({ connection: { url: REDIS_URL }, queueName: 'in-the-factory' }),
        }),
      ],
    }).compile();
    const error = await rejectionOf(compiling, ZixflowConfigError);
    expect(error.problems).toEqual([
      expect.stringMatching(/queueName must be passed at the top level of forRootAsync/),
    ]);
  });

  it("with @nestjs/bullmq's manualRegistration and no register() before bootstrap, a worker instance fails to boot, saying why", async () => {
    const queueName = randomQueueName('manual');
    const moduleRef = await Test.createTestingModule({
      imports: [
        ZixflowModule.forRoot({ ...simulatorOptions(simulator), isGlobal: true }),
        BullModule.forRoot({ connection: { url: REDIS_URL }, extraOptions: { manualRegistration: true } }),
        ZixflowQueueModule.forRoot(queueOptions(queueName)),
      ],
    }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    try {
      const error = await rejectionOf(app.init(), ZixflowConfigError);
      expect(error.message).toMatch(/manualRegistration.*BullRegistrar\.register\(\)/);
    } finally {
      await app.close();
      await removeQueue(queueName);
    }
  });
});
