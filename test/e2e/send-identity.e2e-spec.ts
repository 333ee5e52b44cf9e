import 'reflect-metadata';
import { Injectable, type INestApplication } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import {
  SmsQueuedEvent,
  SmsSendFailedEvent,
  SmsService,
  ZixflowApiError,
  ZixflowError,
  ZixflowEvent,
  ZixflowNetworkError,
  ZixflowValidationError,
  type ZixflowModuleOptions,
  type ZixflowPostbackEvent,
} from '../../lib';
import { freePort } from '../utils/free-port';
import { rejectionOf } from '../utils/thrown-by';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_send_identity_key';
const WORKSPACE = 'ws_send_identity';
const SECRET = 'identity-secret-0123456789abcdef';
const RECIPIENT = '919876543210';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Records the send events and every postback event. */
@Injectable()
class SendEvents {
  readonly queued: SmsQueuedEvent[] = [];
  readonly failed: SmsSendFailedEvent[] = [];
  readonly postbacks: ZixflowPostbackEvent[] = [];

  @OnEvent(ZixflowEvent.SmsQueued)
  onQueued(event: SmsQueuedEvent): void {
    this.queued.push(event);
  }

  @OnEvent(ZixflowEvent.SmsSendFailed)
  onFailed(event: SmsSendFailedEvent): void {
    this.failed.push(event);
  }

  @OnEvent(ZixflowEvent.Postback)
  onPostback(event: ZixflowPostbackEvent): void {
    this.postbacks.push(event);
  }
}

/** Every send gets its own sendId, on its result, its events, its error and the postbacks it causes. */
describe('sendId: one id per send, wherever the send shows', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function boot(
    extra: Partial<ZixflowModuleOptions> = {},
    listenPort?: number,
  ): Promise<{ sms: SmsService; events: SendEvents }> {
    app = await createZixflowTestApp(
      simulator,
      { retry: { maxAttempts: 1 }, ...extra },
      {
        imports: [EventEmitterModule.forRoot()],
        providers: [SendEvents],
        app: { rawBody: true },
        listenPort,
      },
    );
    return { sms: app.get(SmsService), events: app.get(SendEvents) };
  }

  describe('without postbacks', () => {
    it('a queued send: a UUID on the result and the same on SmsQueuedEvent', async () => {
      const { sms, events } = await boot();
      const result = await sms.send({ recipient: RECIPIENT, message: 'hello' });
      expect(result.sendId).toMatch(UUID);
      expect(events.queued).toHaveLength(1);
      expect(events.queued[0]).toMatchObject({ requestId: result.requestId, sendId: result.sendId });
    });

    it('every send (message, template, DLT) gets a distinct id', async () => {
      const dlt = {
        templates: [
          {
            key: 'otp',
            templateId: '1107161234567890123',
            entityId: '1101000000000000009',
            body: 'Your OTP is {#var#}',
            route: 'otp' as const,
          },
        ],
      };
      const { sms, events } = await boot({ dlt });
      const results = [
        await sms.send({ recipient: RECIPIENT, message: 'one' }),
        await sms.send({ recipient: RECIPIENT, message: 'one' }),
        await sms.sendTemplate({ recipient: RECIPIENT, templateName: 'welcome' }),
        await sms.sendDlt('otp', ['123456'], RECIPIENT),
      ];
      const ids = results.map((r) => r.sendId);
      for (const id of ids) expect(id).toMatch(UUID);
      expect(new Set(ids).size).toBe(ids.length);
      expect(events.queued.map((e) => e.sendId)).toEqual(ids);
    });

    it.each([
      ['send', (sms: SmsService) => sms.send({ recipient: 'not-a-number', message: 'x' }), 'recipient'],
      [
        'sendTemplate',
        (sms: SmsService) => sms.sendTemplate({ recipient: RECIPIENT } as never),
        'templateName',
      ],
      ['sendDlt with an unknown key', (sms: SmsService) => sms.sendDlt('nope', [], RECIPIENT), 'templateKey'],
    ])(
      '%s: a validation error carries a sendId of its own; nothing is sent, no failed event',
      async (_name, call, field) => {
        const { sms, events } = await boot();
        const first = await rejectionOf(call(sms), ZixflowValidationError);
        const second = await rejectionOf(call(sms), ZixflowValidationError);
        expect(first.errors.map((e) => e.field)).toContain(field);
        expect(first.sendId).toMatch(UUID);
        expect(second.sendId).toMatch(UUID);
        expect(second.sendId).not.toBe(first.sendId);
        expect(simulator.requests).toHaveLength(0);
        // SmsSendFailed is for sends that failed after validation.
        expect(events.failed).toHaveLength(0);
      },
    );

    it('an HTTP error: error.sendId is the failed event sendId, and the event carries that very error', async () => {
      const { sms, events } = await boot();
      simulator.failNext({ kind: 'status', status: 400 });
      const error = await rejectionOf(sms.send({ recipient: RECIPIENT, message: 'x' }), ZixflowApiError);
      expect(error).toMatchObject({ status: 400, outcome: 'not_sent' });
      expect(error.sendId).toMatch(UUID);
      expect(events.failed).toHaveLength(1);
      expect(events.failed[0].sendId).toBe(error.sendId);
      expect(events.failed[0].error).toBe(error);
    });

    it('a template send failing with an HTTP error carries its sendId the same way', async () => {
      const { sms, events } = await boot();
      simulator.failNext({ kind: 'status', status: 400 });
      const error = await rejectionOf(
        sms.sendTemplate({ recipient: RECIPIENT, templateName: 'welcome' }),
        ZixflowApiError,
      );
      expect(error.sendId).toMatch(UUID);
      expect(events.failed.map((e) => [e.kind, e.sendId])).toEqual([['template', error.sendId]]);
    });

    it('a connection reset: the network error and the failed event share the sendId', async () => {
      const { sms, events } = await boot();
      simulator.failNext({ kind: 'reset-before-body' });
      const error = await rejectionOf(sms.send({ recipient: RECIPIENT, message: 'x' }), ZixflowNetworkError);
      expect(error.code).toBe('NETWORK');
      expect(error.sendId).toMatch(UUID);
      expect(events.failed.map((e) => e.sendId)).toEqual([error.sendId]);
    });

    it('sendMany: each failed or invalid item carries its own sendId, matching its failed event', async () => {
      const { sms, events } = await boot();
      simulator.failNext({ kind: 'status', status: 400 }, 2);
      const results = await sms.sendMany(
        [
          { recipient: 'bad-1', message: 'a' },
          { recipient: RECIPIENT, message: 'b' },
          { recipient: 'bad-2', message: 'c' },
          { recipient: RECIPIENT, message: 'd' },
          { recipient: RECIPIENT, message: 'e' },
        ],
        { concurrency: 1 },
      );
      expect(results.map((r) => r.status)).toEqual(['invalid', 'failed', 'invalid', 'failed', 'queued']);
      const errors = results.flatMap((r) => (r.status === 'queued' ? [] : [r.error]));
      for (const error of errors) {
        expect(error).toBeInstanceOf(ZixflowError);
        expect(error.sendId).toMatch(UUID);
      }
      const ids = [...errors.map((e) => e.sendId), events.queued[0].sendId];
      expect(new Set(ids).size).toBe(5);
      expect(events.failed.map((e) => e.sendId)).toEqual([errors[1].sendId, errors[3].sendId]);
    });
  });

  describe('in postbacks', () => {
    let port: number;
    let hook: string;

    beforeEach(async () => {
      port = await freePort();
      hook = `http://127.0.0.1:${port}/hooks/zixflow`;
    });

    const postbackOptions = (verify: boolean): Partial<ZixflowModuleOptions> => ({
      postback: { publicUrl: hook, secret: SECRET, path: 'hooks/zixflow', verify },
    });

    it("a signed URL's postbacks name the send: event.sendId is the result's sendId", async () => {
      const { sms, events } = await boot(postbackOptions(true), port);
      simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 2 });
      const first = await sms.send({ recipient: RECIPIENT, message: 'one' });
      const second = await sms.sendTemplate({ recipient: '919876543211', templateName: 'welcome' });
      await simulator.flushPostbacks();
      expect(simulator.postbacks.map((p) => p.status)).toEqual([200, 200, 200, 200]);
      const named = (requestId: string): Array<string | undefined> =>
        events.postbacks.filter((e) => e.requestId === requestId).map((e) => e.sendId);
      expect(named(first.requestId)).toEqual([first.sendId, first.sendId]);
      expect(named(second.requestId)).toEqual([second.sendId, second.sendId]);
    });

    it('verify: false: the URL is still signed, but an unverified token names no send', async () => {
      const { sms, events } = await boot(postbackOptions(false), port);
      const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'x' });
      await simulator.flushPostbacks();
      expect(simulator.message(requestId)?.postBackUrl).toContain('zxf_token=');
      expect(events.postbacks).toHaveLength(1);
      expect(events.postbacks[0].requestId).toBe(requestId);
      expect(events.postbacks[0].sendId).toBeUndefined();
    });

    it("the caller's own postBackUrl is sent as is, and its postbacks name no send", async () => {
      const { sms, events } = await boot(postbackOptions(false), port);
      const own = `${hook}?order=42`;
      const { requestId, sendId } = await sms.send({ recipient: RECIPIENT, message: 'x', postBackUrl: own });
      expect(sendId).toMatch(UUID);
      await simulator.flushPostbacks();
      expect((simulator.requests[0].body as { post_back_url: string }).post_back_url).toBe(own);
      expect(simulator.postbackFor(requestId)?.status).toBe(200);
      expect(events.postbacks.map((e) => [e.requestId, e.sendId])).toEqual([[requestId, undefined]]);
    });
  });
});
