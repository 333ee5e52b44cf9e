import 'reflect-metadata';
import { Controller, Injectable, type INestApplication } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  PostbackPayload,
  SmsService,
  ZixflowEvent,
  ZixflowNotFoundError,
  ZixflowPostback,
  ZixflowValidationError,
  type ZixflowPostbackEvent,
} from '../../lib';
import { freePort } from '../utils/free-port';
import { rejectionOf } from '../utils/thrown-by';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_status_order_key';
const WORKSPACE = 'ws_status_order';
const SECRET = 'order-secret-0123456789abcdefghij';
const RECIPIENT = '919876543210';

/** What the handler saw of each postback, `stale` read when it ran. */
@Controller('webhooks')
class WebhooksController {
  readonly seen: Array<{ status: string; stale: boolean }> = [];

  @ZixflowPostback('zixflow')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.seen.push({ status: event.status, stale: event.stale });
  }
}

@Injectable()
class PostbackListener {
  readonly all: Array<{ status: string; stale: boolean }> = [];
  readonly sent: ZixflowPostbackEvent[] = [];
  readonly delivered: ZixflowPostbackEvent[] = [];

  @OnEvent(ZixflowEvent.Postback)
  onPostback(event: ZixflowPostbackEvent): void {
    this.all.push({ status: event.status, stale: event.stale });
  }

  @OnEvent(ZixflowEvent.SmsSent)
  onSent(event: ZixflowPostbackEvent): void {
    this.sent.push(event);
  }

  @OnEvent(ZixflowEvent.SmsDelivered)
  onDelivered(event: ZixflowPostbackEvent): void {
    this.delivered.push(event);
  }
}

const adapters: Array<[string, () => AbstractHttpAdapter]> = [
  ['express', () => new ExpressAdapter()],
  ['fastify', () => new FastifyAdapter()],
];

/**
 * Postbacks out of order: the store keeps the newest status of a request, marks older ones stale, and
 * getStatus reads it (the delivery report only when no postback came).
 */
describe.each(adapters)('status order and getStatus over %s', (_name, createAdapter) => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication | undefined;
  let sms: SmsService;

  beforeEach(async () => {
    const port = await freePort();
    app = await createZixflowTestApp(
      simulator,
      {
        retry: { maxAttempts: 1 },
        postback: { publicUrl: `http://127.0.0.1:${port}/webhooks/zixflow`, secret: SECRET },
      },
      {
        imports: [EventEmitterModule.forRoot()],
        providers: [PostbackListener],
        controllers: [WebhooksController],
        adapter: createAdapter(),
        app: { rawBody: true },
        listenPort: port,
      },
    );
    sms = app.get(SmsService);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('delivered then the older sent: the handler sees stale false then true; only the news gets its per-status event', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], reorder: true, delayMs: 2 });
    const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'order' });
    await simulator.flushPostbacks();

    const [delivered, sent] = simulator.postbacksFor(requestId);
    expect([JSON.parse(delivered.body).status, JSON.parse(sent.body).status]).toEqual(['delivered', 'sent']);
    expect([delivered.status, sent.status]).toEqual([200, 200]);
    // The simulator's sent really is older: it is the stale one because of its status_at.
    expect(JSON.parse(sent.body).status_at < JSON.parse(delivered.body).status_at).toBe(true);

    const expected = [
      { status: 'delivered', stale: false },
      { status: 'sent', stale: true },
    ];
    expect(app!.get(WebhooksController).seen).toEqual(expected);
    const listener = app!.get(PostbackListener);
    expect(listener.all).toEqual(expected);
    expect(listener.delivered).toHaveLength(1);
    expect(listener.sent).toHaveLength(0);
  });

  it('getStatus answers the newest postback (source postback), not the stale one that came last', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], reorder: true, delayMs: 2 });
    const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'order' });
    await simulator.flushPostbacks();
    const message = simulator.message(requestId);
    const reportsBefore = simulator.requests.length;

    const status = await sms.getStatus(requestId);
    expect(status).toMatchObject({
      requestId,
      status: 'delivered',
      source: 'postback',
      statusAt: message?.statusAt,
      messageId: message?.messageId,
      remark: '',
    });
    expect(status.statusDate).toBeInstanceOf(Date);
    // From the store: Zixflow was not asked.
    expect(simulator.requests).toHaveLength(reportsBefore);
  });

  it('in order, a later status replaces the earlier one', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 2 });
    const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'in order' });
    await simulator.flushPostbacks();
    expect(app!.get(WebhooksController).seen).toEqual([
      { status: 'sent', stale: false },
      { status: 'delivered', stale: false },
    ]);
    expect(app!.get(PostbackListener).sent).toHaveLength(1);
    await expect(sms.getStatus(requestId)).resolves.toMatchObject({
      status: 'delivered',
      source: 'postback',
    });
  });

  it('getStatus of a request no postback named yet comes from the delivery report', async () => {
    simulator.setPostbackScenario('*', { statuses: [] });
    const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'quiet' });
    const status = await sms.getStatus(requestId);
    expect(status).toMatchObject({ requestId, status: 'queued', source: 'report' });
    expect(simulator.requestsTo('/api/data/messages/v1/delivery-report')).toHaveLength(1);
  });

  it('getStatus of an id Zixflow does not know rejects with ZixflowNotFoundError; a blank one is refused first', async () => {
    const error = await rejectionOf(
      sms.getStatus('00000000-0000-4000-8000-000000000000'),
      ZixflowNotFoundError,
    );
    expect(error.code).toBe('NOT_FOUND');
    const invalid = await rejectionOf(sms.getStatus(' '), ZixflowValidationError);
    expect(invalid.errors.map((e) => e.field)).toEqual(['requestId']);
  });

  it('waitForStatus after the postback came: resolved from the store, though the report is not there yet', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], reorder: true, delayMs: 2 });
    const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'late waiter' });
    await simulator.flushPostbacks();
    // The waiter's first report poll answers 404 (not known yet); the next one is a minute away.
    simulator.failNext({ kind: 'status', status: 404 });
    const update = await sms.waitForStatus(requestId, { pollIntervalMs: 60_000, timeoutMs: 10_000 });
    expect(update).toMatchObject({ requestId, status: 'delivered', source: 'postback' });
  });
});
