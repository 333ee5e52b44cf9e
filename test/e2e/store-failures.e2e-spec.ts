import 'reflect-metadata';
import { Controller, Injectable } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  PostbackPayload,
  SmsSendFailedEvent,
  SmsService,
  ZixflowEvent,
  ZixflowNetworkError,
  ZixflowPostback,
  type ZixflowPostbackEvent,
} from '../../lib';
import { StoreFailureLog } from '../../lib/store/store-failure.log';
import { postRaw } from '../postback/postback-http.helper';
import { useAppPerTest } from '../utils/app-per-test';
import { FaultyStore } from '../utils/faulty-store';
import { freePort } from '../utils/free-port';
import { rejectionOf } from '../utils/thrown-by';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_store_failures_key';
const WORKSPACE = 'ws_store_failures';
const SECRET = 'store-secret-0123456789abcdefghij';
const RECIPIENT = '919876543210';
const STORE_FAILED = /Zixflow store failed to record a send of unknown outcome: store unreachable/;

@Controller('webhooks')
class WebhooksController {
  readonly received: ZixflowPostbackEvent[] = [];

  @ZixflowPostback('zixflow')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push(event);
  }
}

@Injectable()
class Listener {
  readonly postbacks: ZixflowPostbackEvent[] = [];
  readonly failed: SmsSendFailedEvent[] = [];

  @OnEvent(ZixflowEvent.Postback)
  onPostback(event: ZixflowPostbackEvent): void {
    this.postbacks.push(event);
  }

  @OnEvent(ZixflowEvent.SmsSendFailed)
  onFailed(event: SmsSendFailedEvent): void {
    this.failed.push(event);
  }
}

const adapters: Array<[string, () => AbstractHttpAdapter]> = [
  ['express', () => new ExpressAdapter()],
  ['fastify', () => new FastifyAdapter()],
];

/** A store that cannot record a postback: 503, so Zixflow retries; nothing runs until it can. */
describe.each(adapters)('a failing store on the postback endpoint over %s', (_name, createAdapter) => {
  // Zixflow's retries are made by hand below, while the store is down: the simulator's own would add claims.
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE, postbackRetry: false });
  const current = useAppPerTest((logger) => expect(logger.text).not.toContain(SECRET));

  it.each(['reject', 'throw'] as const)(
    'claimPostback that fails (%s): 503 without handler or events; the same postback is processed once the store is back',
    async (how) => {
      const store = new FaultyStore();
      const port = await freePort();
      current.app = await createZixflowTestApp(
        simulator,
        {
          retry: { maxAttempts: 1 },
          store,
          postback: { publicUrl: `http://127.0.0.1:${port}/webhooks/zixflow`, secret: SECRET },
        },
        {
          imports: [EventEmitterModule.forRoot()],
          providers: [Listener],
          controllers: [WebhooksController],
          adapter: createAdapter(),
          app: { rawBody: true },
          listenPort: port,
          logger: current.logger,
        },
      );
      const handler = current.app.get(WebhooksController);
      const listener = current.app.get(Listener);

      store.fail('claimPostback', how);
      simulator.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 2 });
      const { requestId } = await current.app.get(SmsService).send({ recipient: RECIPIENT, message: 'x' });
      await simulator.flushPostbacks();
      const [postback] = simulator.postbacksFor(requestId);
      expect(postback.status).toBe(503);
      expect(store.calls.claimPostback).toBe(1);
      expect(handler.received).toHaveLength(0);
      expect(listener.postbacks).toHaveLength(0);
      expect(current.logger.text).toMatch(
        /store failed to record a postback.*store unreachable \(claimPostback\)/,
      );

      // Zixflow's retries, while the store is still down: 503 again, and no more log lines this minute.
      for (let i = 0; i < 3; i++) {
        const retried = await postRaw(postback.url, postback.body);
        expect([retried.status, retried.json?.statusCode]).toEqual([503, 503]);
      }
      expect(handler.received).toHaveLength(0);
      expect(current.logger.text.match(/store failed to record a postback/g)).toHaveLength(1);

      store.heal();
      expect((await postRaw(postback.url, postback.body)).status).toBe(200);
      expect(handler.received.map((e) => e.requestId)).toEqual([requestId]);
      expect(listener.postbacks).toHaveLength(1);
      // Now it is recorded: a further retry is a duplicate.
      expect((await postRaw(postback.url, postback.body)).status).toBe(200);
      expect(handler.received).toHaveLength(1);
      expect(listener.postbacks).toHaveLength(1);
      await expect(current.app.get(SmsService).getStatus(requestId)).resolves.toMatchObject({
        status: 'delivered',
        source: 'postback',
      });
    },
  );
});

/** The store never fails a send: its failures are counted and logged at most once a minute. */
describe('a failing store on the send side', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  const current = useAppPerTest();

  async function boot(store: FaultyStore): Promise<SmsService> {
    current.app = await createZixflowTestApp(
      simulator,
      { retry: { maxAttempts: 1 }, store },
      { imports: [EventEmitterModule.forRoot()], providers: [Listener], logger: current.logger },
    );
    return current.app.get(SmsService);
  }

  it.each(['reject', 'throw'] as const)(
    'markPending that fails (%s): each lost answer still rejects with its own error; one log line, every failure counted',
    async (how) => {
      const store = new FaultyStore().fail('markPending', how);
      const sms = await boot(store);
      const errors: ZixflowNetworkError[] = [];
      for (let i = 0; i < 3; i++) {
        simulator.failNext({ kind: 'reset-after-body' });
        errors.push(
          await rejectionOf(sms.send({ recipient: RECIPIENT, message: `lost ${i}` }), ZixflowNetworkError),
        );
      }
      await new Promise((resolve) => setImmediate(resolve));
      for (const error of errors) {
        expect(error).toMatchObject({ code: 'NETWORK', outcome: 'unknown' });
        expect(error.sendId).toBeDefined();
      }
      expect(store.calls.markPending).toBe(3);
      expect(simulator.messages).toHaveLength(3);
      expect(current.app!.get(Listener).failed.map((e) => e.error)).toEqual(errors);
      expect(current.logger.lines.filter((line) => STORE_FAILED.test(line))).toHaveLength(1);
      expect(current.app!.get(StoreFailureLog).count).toBe(3);
    },
  );

  it('getStatus reads around a failing store: the delivery report answers, the failure is logged', async () => {
    const store = new FaultyStore().fail('getStatus');
    const sms = await boot(store);
    simulator.setPostbackScenario('*', { statuses: [] });
    const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'x' });
    await expect(sms.getStatus(requestId)).resolves.toMatchObject({
      requestId,
      status: 'queued',
      source: 'report',
    });
    expect(current.logger.text).toMatch(
      /Zixflow store failed to read the latest status of a request: store unreachable \(getStatus\)/,
    );
  });

  it('waitForStatus with a store that cannot subscribe: the report polling still resolves it, the failure is logged', async () => {
    const store = new FaultyStore().fail('subscribe', 'throw');
    const sms = await boot(store);
    simulator.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 2 });
    const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'x' });
    const update = await sms.waitForStatus(requestId, { pollIntervalMs: 20, timeoutMs: 10_000 });
    expect(update).toMatchObject({ requestId, status: 'delivered', source: 'report' });
    expect(current.logger.text).toMatch(
      /Zixflow store failed to follow the status of a request: store unreachable \(subscribe\)/,
    );
  });
});
