import 'reflect-metadata';
import { Controller, type INestApplication } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { HttpService } from '@nestjs/axios';
import {
  SmsService,
  ZIXFLOW_HTTP_SERVICE,
  ZixflowApiError,
  ZixflowPostback,
  type ZixflowModuleOptions,
} from '../../lib';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { freePort } from '../utils/free-port';
import { rejectionOf } from '../utils/thrown-by';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';
import { TestOtelSdk } from './otel-sdk';

const API_KEY = 'sk_otel_e2e_key_4f9a2c';
const WORKSPACE = 'ws_otel_e2e';
const SECRET = 'otel-postback-secret-0123456789';
const RECIPIENT = '919876543210';
const TEXT = 'Your code is 482913';

/** A user's postback handler that fails the first time, as a database outage would. */
@Controller('webhooks')
class FailingOnceController {
  private failed = false;

  @ZixflowPostback('zixflow')
  onStatus(): void {
    if (this.failed) return;
    this.failed = true;
    throw new Error('database unavailable');
  }
}

/**
 * With an OpenTelemetry SDK registered (the real one, in-memory exporters), sends and postbacks through a real
 * Nest app and the simulator produce the documented spans and metrics, and nothing in them is a secret or a
 * phone number.
 */
describe('OpenTelemetry spans and metrics', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication | undefined;
  let sdk: TestOtelSdk;

  beforeEach(() => {
    sdk = new TestOtelSdk().register();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await sdk.unregister();
  });

  async function boot(extra: Partial<ZixflowModuleOptions> = {}, listenPort?: number): Promise<SmsService> {
    app = await createZixflowTestApp(simulator, extra, { app: { rawBody: true }, listenPort });
    return app.get(SmsService);
  }

  describe('sends', () => {
    it('a queued send: one CLIENT span with route, encoding, segments, attempts, outcome and country code', async () => {
      const sms = await boot();
      const result = await sms.send({ recipient: RECIPIENT, message: TEXT });

      const [span, ...others] = sdk.finishedSpans('zixflow.sms.send');
      expect(others).toHaveLength(0);
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.attributes).toEqual({
        'zixflow.sms.kind': 'message',
        'zixflow.sms.route': 'transactional',
        'zixflow.sms.encoding': 'GSM-7',
        'zixflow.sms.segments': 1,
        'zixflow.sms.send_id': result.sendId,
        'zixflow.recipient.country_code': '91',
        'zixflow.sms.outcome': 'queued',
        'zixflow.sms.attempts': 1,
        'zixflow.sms.request_id': result.requestId,
      });
      expect(span.events).toEqual([]);
    });

    it('a UCS-2 text of three parts says so', async () => {
      const sms = await boot();
      await sms.send({ recipient: '447700900123', message: 'नमस्ते '.repeat(20) });
      const [span] = sdk.finishedSpans('zixflow.sms.send');
      expect(span.attributes).toMatchObject({
        'zixflow.sms.encoding': 'UCS-2',
        'zixflow.sms.segments': 3,
        'zixflow.recipient.country_code': '44',
      });
    });

    it('a failed send: error code, outcome, HTTP status and an ERROR status naming only the code', async () => {
      const sms = await boot({ retry: { maxAttempts: 1 } });
      simulator.failNext({ kind: 'status', status: 400, message: `bad request for ${RECIPIENT}` });
      const error = await rejectionOf(sms.send({ recipient: RECIPIENT, message: TEXT }), ZixflowApiError);

      const [span] = sdk.finishedSpans('zixflow.sms.send');
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: error.code });
      expect(span.attributes).toMatchObject({
        'zixflow.sms.outcome': 'not_sent',
        'error.type': error.code,
        'http.response.status_code': 400,
        'zixflow.sms.attempts': 1,
        'zixflow.sms.send_id': error.sendId,
      });
      expect(span.attributes).not.toHaveProperty('zixflow.sms.request_id');
    });

    it('an answer that may have gone out: outcome unknown', async () => {
      const sms = await boot({ retry: { maxAttempts: 1 } });
      simulator.failNext({ kind: 'status', status: 503 });
      await rejectionOf(sms.send({ recipient: RECIPIENT, message: TEXT }), ZixflowApiError);
      const [span] = sdk.finishedSpans('zixflow.sms.send');
      expect(span.attributes).toMatchObject({
        'zixflow.sms.outcome': 'unknown',
        'http.response.status_code': 503,
      });
    });

    it('a retried send: one span event per retry, in order, and the attempts made', async () => {
      const sms = await boot({ retry: { maxAttempts: 4 } });
      simulator.failNext({ kind: 'status', status: 429, retryAfter: '0' }, 2);
      await sms.send({ recipient: RECIPIENT, message: TEXT });

      const [span] = sdk.finishedSpans('zixflow.sms.send');
      expect(span.attributes).toMatchObject({ 'zixflow.sms.outcome': 'queued', 'zixflow.sms.attempts': 3 });
      expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
        [
          'zixflow.sms.retry',
          {
            'zixflow.sms.attempt': 1,
            'error.type': 'RATE_LIMITED',
            'http.response.status_code': 429,
            'zixflow.sms.retry.delay_ms': 0,
          },
        ],
        [
          'zixflow.sms.retry',
          {
            'zixflow.sms.attempt': 2,
            'error.type': 'RATE_LIMITED',
            'http.response.status_code': 429,
            'zixflow.sms.retry.delay_ms': 0,
          },
        ],
      ]);
      expect(await sdk.points('zixflow.sms.send.retries')).toEqual([
        [{ 'zixflow.sms.route': 'transactional', 'error.type': 'RATE_LIMITED' }, 2],
      ]);
    });

    it('metrics: sends by outcome and code, their duration, the segments queued', async () => {
      const sms = await boot({ retry: { maxAttempts: 1 } });
      await sms.send({ recipient: RECIPIENT, message: TEXT });
      await sms.send({ recipient: RECIPIENT, message: 'x'.repeat(200) });
      await sms.sendTemplate({ recipient: RECIPIENT, templateName: 'welcome' });
      simulator.failNext({ kind: 'status', status: 400 });
      await rejectionOf(sms.send({ recipient: RECIPIENT, message: TEXT }), ZixflowApiError);

      const queued = { 'zixflow.sms.route': 'transactional', 'zixflow.sms.outcome': 'queued' };
      const failed = {
        'zixflow.sms.kind': 'message',
        'zixflow.sms.route': 'transactional',
        'zixflow.sms.outcome': 'not_sent',
        'error.type': 'API_ERROR',
      };
      const expected = [
        [{ ...queued, 'zixflow.sms.kind': 'message' }, 2],
        [{ ...queued, 'zixflow.sms.kind': 'template' }, 1],
        [failed, 1],
      ];
      expect(await sdk.points('zixflow.sms.sends')).toEqual(expected);
      // One duration per send, with the same attributes.
      expect(await sdk.points('zixflow.sms.send.duration')).toEqual(expected);
      const duration = (await sdk.metrics()).get('zixflow.sms.send.duration')!;
      expect(duration.descriptor.unit).toBe('s');
      // 1 + 2 GSM-7 parts; a template's length is not known here, so it adds none.
      expect(await sdk.points('zixflow.sms.segments')).toEqual([
        [{ 'zixflow.sms.route': 'transactional', 'zixflow.sms.encoding': 'GSM-7' }, 3],
      ]);
    });

    it("with a context manager: a child of the caller's span, and the active span during the HTTP request", async () => {
      const contextManager = new AsyncLocalStorageContextManager().enable();
      context.setGlobalContextManager(contextManager);
      try {
        const sms = await boot();
        // What HTTP client instrumentation would see: the span active when the request is made.
        const activeDuringRequest: Array<Span | undefined> = [];
        app!.get<HttpService>(ZIXFLOW_HTTP_SERVICE).axiosRef.interceptors.request.use((config) => {
          activeDuringRequest.push(trace.getActiveSpan());
          return config;
        });
        const tracer = trace.getTracer('the-app');
        await tracer.startActiveSpan('handle order', async (parent) => {
          await sms.send({ recipient: RECIPIENT, message: TEXT });
          parent.end();
        });

        const [send] = sdk.finishedSpans('zixflow.sms.send');
        const [parent] = sdk.finishedSpans('handle order');
        expect(send.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
        expect(activeDuringRequest.map((span) => span?.spanContext().spanId)).toEqual([
          send.spanContext().spanId,
        ]);
      } finally {
        context.disable();
      }
    });

    it('an SDK registered after the app booted is picked up', async () => {
      await sdk.unregister();
      const sms = await boot();
      await sms.send({ recipient: RECIPIENT, message: TEXT });
      sdk = new TestOtelSdk().register();
      await sms.send({ recipient: RECIPIENT, message: TEXT });
      expect(sdk.finishedSpans('zixflow.sms.send')).toHaveLength(1);
      expect(await sdk.points('zixflow.sms.sends')).toEqual([
        [
          {
            'zixflow.sms.kind': 'message',
            'zixflow.sms.route': 'transactional',
            'zixflow.sms.outcome': 'queued',
          },
          1,
        ],
      ]);
    });
  });

  describe('postbacks', () => {
    let port: number;
    let hook: string;

    beforeEach(async () => {
      port = await freePort();
      hook = `http://127.0.0.1:${port}/hooks/zixflow`;
    });

    const postbacks = (): Partial<ZixflowModuleOptions> => ({
      postback: { publicUrl: hook, secret: SECRET, path: 'hooks/zixflow' },
    });

    it('accepted, duplicate and rejected: a span each, counted by channel, status and result', async () => {
      const sms = await boot(postbacks(), port);
      simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 2 });
      const { requestId, sendId } = await sms.send({ recipient: RECIPIENT, message: TEXT });
      await simulator.flushPostbacks();
      const delivered = simulator.postbacksFor(requestId)[1];
      // Zixflow delivering the same postback again, and a forged one (its token signed for another number).
      expect((await simulator.sendPostback(delivered.body, delivered.url)).status).toBe(200);
      const forged = delivered.body.replace(RECIPIENT, '919876543299');
      expect((await simulator.sendPostback(forged, delivered.url)).status).toBe(401);

      const spans = sdk.finishedSpans('zixflow.postback');
      expect(spans.map((span) => span.attributes['zixflow.postback.result'])).toEqual([
        'accepted',
        'accepted',
        'duplicate',
        'rejected',
      ]);
      const [sent, done, duplicate, rejected] = spans;
      expect(sent.attributes).toEqual({
        'zixflow.postback.channel': 'sms',
        'zixflow.postback.status': 'sent',
        'zixflow.sms.request_id': requestId,
        'zixflow.sms.send_id': sendId,
        'zixflow.postback.stale': false,
        'zixflow.postback.result': 'accepted',
      });
      expect(done.attributes).toMatchObject({ 'zixflow.postback.status': 'delivered' });
      expect(duplicate.attributes).toMatchObject({
        'zixflow.postback.status': 'delivered',
        'zixflow.postback.result': 'duplicate',
      });
      expect(duplicate.attributes).not.toHaveProperty('zixflow.postback.stale');
      expect(rejected.attributes).toEqual({
        'zixflow.postback.result': 'rejected',
        'http.response.status_code': 401,
        'zixflow.postback.reject_reason': 'postback token does not match this postback',
      });
      expect(rejected.status.code).toBe(SpanStatusCode.ERROR);

      const by = (status: string, result: string) => ({
        'zixflow.postback.channel': 'sms',
        'zixflow.postback.status': status,
        'zixflow.postback.result': result,
      });
      expect(await sdk.points('zixflow.postbacks')).toEqual([
        [by('sent', 'accepted'), 1],
        [by('delivered', 'accepted'), 1],
        [by('delivered', 'duplicate'), 1],
        [{ 'zixflow.postback.result': 'rejected' }, 1],
      ]);
      // Only the first final status of a send this token names is timed.
      expect(await sdk.points('zixflow.sms.delivery.duration')).toEqual([
        [{ 'zixflow.postback.channel': 'sms', 'zixflow.postback.status': 'delivered' }, 1],
      ]);
    });

    it('a handler that throws: result error with its 500, and the retry Zixflow makes is accepted', async () => {
      app = await createZixflowTestApp(
        simulator,
        { postback: { publicUrl: `http://127.0.0.1:${port}/webhooks/zixflow`, secret: SECRET } },
        { app: { rawBody: true }, listenPort: port, controllers: [FailingOnceController] },
      );
      const sms = app.get(SmsService);
      await sms.send({ recipient: RECIPIENT, message: TEXT });
      await simulator.flushPostbacks();
      // The simulator retries a 5xx as Zixflow does.
      expect(simulator.postbacks.map((p) => [p.attempt, p.status])).toEqual([
        [1, 500],
        [2, 200],
      ]);

      const spans = sdk.finishedSpans('zixflow.postback');
      expect(spans.map((span) => span.attributes['zixflow.postback.result'])).toEqual(['error', 'accepted']);
      expect(spans[0].status.code).toBe(SpanStatusCode.ERROR);
      expect(spans[0].attributes).toMatchObject({
        'error.type': '_OTHER',
        'zixflow.postback.status': 'delivered',
      });
      expect(
        (await sdk.points('zixflow.postbacks')).map(([attributes, count]) => [
          attributes['zixflow.postback.result'],
          count,
        ]),
      ).toEqual([
        ['error', 1],
        ['accepted', 1],
      ]);
    });
  });

  it('nothing exported holds the API key, the postback secret, the text or a full phone number', async () => {
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/hooks/zixflow`;
    const sms = await boot({ postback: { publicUrl: hook, secret: SECRET, path: 'hooks/zixflow' } }, port);
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 2 });
    await sms.send({ recipient: RECIPIENT, message: TEXT });
    simulator.failNext({ kind: 'status', status: 429, retryAfter: '0' });
    simulator.failNext({ kind: 'status', status: 400, message: `refused ${RECIPIENT} with ${API_KEY}` });
    await rejectionOf(sms.send({ recipient: RECIPIENT, message: TEXT }), ZixflowApiError);
    await simulator.flushPostbacks();
    const [first] = simulator.postbacks;
    await simulator.sendPostback(first.body.replace(RECIPIENT, '919876543299'), first.url);

    expect(sdk.finishedSpans('zixflow.sms.send')).toHaveLength(2);
    expect(sdk.finishedSpans('zixflow.postback').length).toBeGreaterThanOrEqual(3);
    expectNoSecrets(await sdk.everything(), [API_KEY, SECRET, TEXT, RECIPIENT, '919876543299', '9876543210']);
  });
});
