import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  SmsOutcomeResolvedEvent,
  SmsService,
  ZixflowErrorCode,
  ZixflowEvent,
  type ZixflowModuleOptions,
} from '../../lib';
import {
  SmsJobFailedEvent,
  SmsJobUnknownEvent,
  ZixflowQueueEvent,
  type ZixflowQueueModuleForRootOptions,
} from '../../lib/queue';
import { RedisZixflowStore } from '../../lib/redis';
import { REDIS_URL, deleteKeys, randomPrefix } from '../utils/redis';
import { freePort } from '../utils/free-port';
import { useTestSimulator } from '../utils/zixflow-test-app';
import {
  RECIPIENT,
  queueOptions,
  randomQueueName,
  settledJob,
  useQueueApps,
  type QueueTestApp,
} from './queue-test-app';
import { until } from '../utils/until';

const SECRET = 'queue-outcomes-secret-0123456789abcdef';

/** A listener of the store's settlement of unknown sends (published only for sends recorded pending). */
@Injectable()
class ResolvedListener {
  readonly resolved: SmsOutcomeResolvedEvent[] = [];

  @OnEvent(ZixflowEvent.SmsOutcomeResolved)
  onResolved(event: SmsOutcomeResolvedEvent): void {
    this.resolved.push(event);
  }
}

describe('nestjs-zixflow/queue: what the worker makes of each send outcome', () => {
  const simulator = useTestSimulator();
  const apps = useQueueApps(simulator);

  function boot(
    queue: ZixflowQueueModuleForRootOptions,
    zixflow: Partial<ZixflowModuleOptions> = {},
    listenPort?: number,
  ): Promise<QueueTestApp> {
    return apps.boot(queue, zixflow, {
      providers: [ResolvedListener],
      ...(listenPort === undefined ? {} : { listenPort, app: { rawBody: true } }),
    });
  }

  /** An app that receives the simulator's signed postbacks (so unknown sends get settled). */
  async function bootWithPostbacks(
    queue: ZixflowQueueModuleForRootOptions,
    zixflow: Partial<ZixflowModuleOptions> = {},
  ): Promise<QueueTestApp> {
    const port = await freePort();
    return boot(
      queue,
      {
        postback: {
          publicUrl: `http://127.0.0.1:${port}/hooks/zixflow`,
          secret: SECRET,
          path: 'hooks/zixflow',
        },
        ...zixflow,
      },
      port,
    );
  }

  const failedEvents = (app: QueueTestApp): unknown[] =>
    app.events.filter((e) => e.name === ZixflowQueueEvent.Failed).map((e) => e.payload);

  it('a permanent error (401): the job fails at once with the code in its reason, not retried', async () => {
    const app = await boot(queueOptions(randomQueueName()));
    simulator.failNext({ kind: 'status', status: 401 });
    const jobId = await app.queue.enqueue({ recipient: RECIPIENT, message: 'refused' });
    const job = await settledJob(app.bull, jobId);

    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toMatch(/^AUTH: /);
    expect(job.attemptsMade).toBe(1);
    expect(simulator.requests).toHaveLength(1);
    expect(failedEvents(app)).toEqual([
      new SmsJobFailedEvent(jobId, ZixflowErrorCode.Auth, 'not_sent', 1, true, job.data.sendId),
    ]);
  });

  it('provably not sent and retryable (429 without Retry-After): BullMQ retries, then the job completes', async () => {
    const app = await boot(queueOptions(randomQueueName(), { attempts: 3 }));
    simulator.failNext({ kind: 'status', status: 429 }, 2);
    const jobId = await app.queue.enqueue({ recipient: RECIPIENT, message: 'third time lucky' });
    const job = await settledJob(app.bull, jobId);

    expect(job.returnvalue).toMatchObject({ outcome: 'queued', sendId: job.data.sendId });
    expect(simulator.requests.map((s) => s.response?.status)).toEqual([429, 429, 200]);
    // Every attempt went out under the job's one sendId (its signed postback URL names it).
    expect(failedEvents(app)).toEqual([
      new SmsJobFailedEvent(jobId, ZixflowErrorCode.RateLimited, 'not_sent', 1, false, job.data.sendId),
      new SmsJobFailedEvent(jobId, ZixflowErrorCode.RateLimited, 'not_sent', 2, false, job.data.sendId),
    ]);
  });

  it('retryable failures past the last attempt: the job fails, its last failed event final', async () => {
    const app = await boot(queueOptions(randomQueueName(), { attempts: 2 }));
    simulator.failNext({ kind: 'status', status: 429 }, 2);
    const jobId = await app.queue.enqueue({ recipient: RECIPIENT, message: 'never' });
    const job = await settledJob(app.bull, jobId);

    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toMatch(/^RATE_LIMITED: /);
    expect(simulator.requests).toHaveLength(2);
    expect(failedEvents(app).map((e) => (e as SmsJobFailedEvent).final)).toEqual([false, true]);
  });

  it('429 with Retry-After pauses the whole queue: no job is sent before it passes, and no attempt is spent', async () => {
    const app = await boot(queueOptions(randomQueueName(), { concurrency: 1, attempts: 1 }));
    simulator.failNext({ kind: 'status', status: 429, retryAfter: '1' });
    const first = await app.queue.enqueue({ recipient: RECIPIENT, message: 'limited' });
    const second = await app.queue.enqueue({ recipient: RECIPIENT, message: 'behind it' });
    await settledJob(app.bull, first);
    await settledJob(app.bull, second);

    const [limited, ...after] = simulator.requests;
    expect(limited?.response?.status).toBe(429);
    expect(after).toHaveLength(2);
    for (const send of after) {
      expect(send.receivedAt.getTime() - limited!.receivedAt.getTime()).toBeGreaterThanOrEqual(990);
    }
    // attempts: 1, yet the job completed: the rate-limited try was handed back, not counted as a failure.
    expect((await app.bull.getJob(first))?.returnvalue?.outcome).toBe('queued');
  });

  it('unknown (answer lost after Zixflow queued it): completes unknown, not retried; its postback settles it', async () => {
    const app = await bootWithPostbacks(queueOptions(randomQueueName()));
    simulator.setPostbackScenario('*', { statuses: ['sent'], delayMs: 20 });
    simulator.failNext({ kind: 'reset-after-body' });
    const jobId = await app.queue.enqueue({ recipient: RECIPIENT, message: 'lost answer' });
    const job = await settledJob(app.bull, jobId);
    const { sendId } = job.data;

    expect(job.returnvalue).toEqual({ outcome: 'unknown', sendId });
    expect(simulator.requests).toHaveLength(1);
    expect(app.events.map((e) => e.payload)).toEqual([new SmsJobUnknownEvent(jobId, sendId, 'send')]);
    // The postback's token names the job's sendId: the store settles the send with the simulator's request id.
    const requestId = simulator.messages[0]!.requestId;
    await expect(app.app.get(SmsService).resolveOutcome(sendId, { timeoutMs: 10_000 })).resolves.toEqual({
      sendId,
      state: 'queued',
      requestId,
    });
  });

  // The ledger decides these; both its fast path and its plain twin (one command each) must.
  describe.each([true, false])('with fastPaths.batchedLedger %s', (batchedLedger) => {
    const fastPaths = { batchedLedger };

    describe('a job handed out again while its ledger says `sending` (its worker died mid-send)', () => {
      // The API instance and the worker share their store on Redis, as replicas do.
      let storePrefix: string;
      const sharedStore = (): Partial<ZixflowModuleOptions> => ({
        store: new RedisZixflowStore({ connection: REDIS_URL, prefix: storePrefix }),
      });
      beforeEach(() => {
        storePrefix = randomPrefix('queue-store');
      });
      afterEach(() => deleteKeys(REDIS_URL, storePrefix));

      /**
       * What a killed worker leaves behind: the job (enqueued by an API instance), its ledger at `sending`, and
       * its SMS accepted by Zixflow under the job's sendId.
       */
      async function diedMidSend(
        queueName: string,
      ): Promise<{ api: QueueTestApp; jobId: string; sendId: string }> {
        const api = await bootWithPostbacks(
          queueOptions(queueName, { worker: false, fastPaths }),
          sharedStore(),
        );
        const jobId = await api.queue.enqueue(
          { recipient: RECIPIENT, message: 'mid-send' },
          { jobId: 'job-1' },
        );
        const { sendId } = (await api.bull.getJob(jobId))!.data;
        await api.ledger.write(jobId, { state: 'sending', sendId });
        await api.app.get(SmsService).sendAs(sendId, { recipient: RECIPIENT, message: 'mid-send' });
        return { api, jobId, sendId };
      }

      it('at-most-once (default): completes unknown without sending; its postback settles it', async () => {
        simulator.setPostbackScenario('*', { statuses: ['sent'], delayMs: 300 });
        const queueName = randomQueueName();
        const { api, jobId, sendId } = await diedMidSend(queueName);
        const worker = await bootWithPostbacks(queueOptions(queueName, { fastPaths }), sharedStore());
        const job = await settledJob(worker.bull, jobId);

        expect(job.returnvalue).toEqual({ outcome: 'unknown', sendId });
        expect(simulator.requests).toHaveLength(1);
        expect(worker.events.map((e) => e.payload)).toEqual([
          new SmsJobUnknownEvent(jobId, sendId, 'redelivered'),
        ]);
        // Recorded pending, so the postback of the first send settles it. The event fires only for a send
        // recorded pending, on whichever instance comes second (the postback's or the pending record's).
        const resolved = (): SmsOutcomeResolvedEvent[] => [
          ...api.app.get(ResolvedListener).resolved,
          ...worker.app.get(ResolvedListener).resolved,
        ];
        await until(() => resolved().length > 0);
        expect(resolved()).toEqual([
          new SmsOutcomeResolvedEvent(sendId, simulator.messages[0]!.requestId, 'sent'),
        ]);
      });

      it("redelivery: 'at-least-once' sends it again, under the same sendId", async () => {
        simulator.setPostbackScenario('*', { statuses: [] });
        const queueName = randomQueueName();
        const { jobId, sendId } = await diedMidSend(queueName);
        const worker = await bootWithPostbacks(
          queueOptions(queueName, { redelivery: 'at-least-once', fastPaths }),
          sharedStore(),
        );
        const job = await settledJob(worker.bull, jobId);

        expect(simulator.requests).toHaveLength(2);
        expect(job.returnvalue).toEqual({
          outcome: 'queued',
          requestId: simulator.messages[1]!.requestId,
          sendId,
        });
        // Both sends carried the job's sendId in their signed postback URL.
        for (const message of simulator.messages) expect(message.postBackUrl).toContain(`.${sendId}.`);
      });
    });

    it('a job whose ledger says `queued` completes with that result, sending nothing', async () => {
      const queueName = randomQueueName();
      const api = await boot(queueOptions(queueName, { worker: false, fastPaths }));
      const jobId = await api.queue.enqueue({ recipient: RECIPIENT, message: 'already' }, { jobId: 'job-2' });
      const { sendId } = (await api.bull.getJob(jobId))!.data;
      await api.ledger.write(jobId, { state: 'queued', sendId, requestId: 'request-from-before' });
      const worker = await boot(queueOptions(queueName, { fastPaths }));
      const job = await settledJob(worker.bull, jobId);

      expect(job.returnvalue).toEqual({ outcome: 'queued', requestId: 'request-from-before', sendId });
      expect(simulator.requests).toEqual([]);
    });
  });
});
