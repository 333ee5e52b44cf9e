import 'reflect-metadata';
import { Controller, Injectable, type INestApplication } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  InjectSmsService,
  PostbackPayload,
  SmsQueuedEvent,
  SmsService,
  ZixflowEvent,
  ZixflowModule,
  ZixflowPostback,
  getSmsServiceToken,
  type ZixflowPostbackEvent,
} from '../../lib';
import { ZixflowSimulator, freeLoopbackPort } from '../../lib/testing';
import { postRaw } from '../postback/postback-http.helper';
import { TestOtelSdk } from '../telemetry/otel-sdk';
import { createTestApp } from '../utils/zixflow-test-app';

// One secret for all three instances: only the name bound into each token keeps them apart.
const SECRET = 'one-secret-shared-by-every-workspace';
const RECIPIENT = '919876543210';

const marketingSim = new ZixflowSimulator({ apiKey: 'sk_marketing_KEY_1111', workspaceId: 'ws-marketing' });
const alertsSim = new ZixflowSimulator({ apiKey: 'sk_alerts_KEY_2222', workspaceId: 'ws-alerts' });
const defaultSim = new ZixflowSimulator({ apiKey: 'sk_default_KEY_3333', workspaceId: 'ws-default' });
const simulators = [marketingSim, alertsSim, defaultSim];

/** The user's own postback routes: one per instance it handles itself ('alerts' uses the module's own). */
@Controller('hooks')
class HooksController {
  readonly received: Array<{ route: string; event: ZixflowPostbackEvent }> = [];

  @ZixflowPostback({ path: 'marketing', workspace: 'marketing' })
  onMarketing(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push({ route: 'marketing', event });
  }

  // The interceptor path (no handler wrapper) routes by workspace alike.
  @ZixflowPostback({ path: 'marketing-plain', workspace: 'marketing', wrapHandler: false })
  onMarketingPlain(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push({ route: 'marketing-plain', event });
  }

  @ZixflowPostback('default')
  onDefault(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push({ route: 'default', event });
  }
}

/** Every instance publishes on the app's one EventEmitter2: events say which instance they come from. */
@Injectable()
class Listener {
  readonly postbacks: ZixflowPostbackEvent[] = [];
  readonly queued: SmsQueuedEvent[] = [];

  @OnEvent(ZixflowEvent.Postback)
  onPostback(event: ZixflowPostbackEvent): void {
    this.postbacks.push(event);
  }

  @OnEvent(ZixflowEvent.SmsQueued)
  onQueued(event: SmsQueuedEvent): void {
    this.queued.push(event);
  }
}

@Injectable()
class Notifier {
  constructor(
    @InjectSmsService('marketing') readonly marketing: SmsService,
    @InjectSmsService('alerts') readonly alerts: SmsService,
    readonly plain: SmsService,
  ) {}
}

function postbackUrlOf(simulator: ZixflowSimulator): string {
  const body = simulator.sends[0]?.body as { post_back_url?: string } | undefined;
  if (body?.post_back_url === undefined) throw new Error('the send carried no post_back_url');
  return body.post_back_url;
}

/** A postback body as `simulator`'s workspace would send it about RECIPIENT. */
function bodyFor(simulator: ZixflowSimulator, status = 'delivered'): string {
  return JSON.stringify({
    workspace_id: simulator.workspaceId,
    type: 'delivery_status',
    message_id: 1234567,
    request_id: 'req-cross-check',
    channel: 'sms',
    recipient: RECIPIENT,
    status,
    remark: '',
    status_at: '2026-01-28T17:17:59.254174911Z',
  });
}

const ADAPTERS: Array<[string, () => AbstractHttpAdapter]> = [
  ['Express', () => new ExpressAdapter()],
  ['Fastify', () => new FastifyAdapter()],
];

describe.each(ADAPTERS)('Several workspaces in one app (%s)', (_name, adapter) => {
  let app: INestApplication;
  let base: string;
  const otel = new TestOtelSdk();

  beforeAll(async () => {
    await Promise.all(simulators.map((simulator) => simulator.start()));
    otel.register();
    const port = await freeLoopbackPort();
    base = `http://127.0.0.1:${port}`;
    const postback = (path: string) => ({ publicUrl: `${base}/${path}`, secret: SECRET });
    app = await createTestApp(
      {
        imports: [
          EventEmitterModule.forRoot(),
          ZixflowModule.forRoot({
            name: 'marketing',
            apiKey: marketingSim.apiKey,
            workspaceId: marketingSim.workspaceId,
            baseUrl: marketingSim.url,
            defaults: { senderId: 'MKTGCO', route: 'promotional' },
            postback: postback('hooks/marketing'),
          }),
          ZixflowModule.forRootAsync({
            name: 'alerts',
            // The module mounts its own controller for this instance.
            postbackPath: 'alerts/postbacks',
            useFactory: () => ({
              apiKey: alertsSim.apiKey,
              workspaceId: alertsSim.workspaceId,
              baseUrl: alertsSim.url,
              defaults: { senderId: 'ALERTS', route: 'transactional' },
              postback: postback('alerts/postbacks'),
            }),
          }),
          ZixflowModule.forRoot({
            apiKey: defaultSim.apiKey,
            workspaceId: defaultSim.workspaceId,
            baseUrl: defaultSim.url,
            defaults: { senderId: 'DFAULT', route: 'transactional' },
            postback: postback('hooks/default'),
          }),
        ],
        controllers: [HooksController],
        providers: [Notifier, Listener],
      },
      { app: { rawBody: true }, listenPort: port, adapter: adapter() },
    );
  });

  beforeEach(() => {
    for (const simulator of simulators) simulator.reset();
    app.get(HooksController).received.length = 0;
    app.get(Listener).postbacks.length = 0;
    app.get(Listener).queued.length = 0;
    otel.spans.reset();
  });

  // No postback of one test may land in the next one's records.
  afterEach(() => Promise.all(simulators.map((simulator) => simulator.flushPostbacks())));

  afterAll(async () => {
    await app?.close();
    await otel.unregister();
    await Promise.all(simulators.map((simulator) => simulator.stop()));
  });

  it('injects each instance by name, the unnamed one as plain SmsService', () => {
    const notifier = app.get(Notifier);
    expect(app.get(getSmsServiceToken('marketing'))).toBe(notifier.marketing);
    expect(app.get(getSmsServiceToken('alerts'))).toBe(notifier.alerts);
    expect(getSmsServiceToken()).toBe(SmsService);
    expect(getSmsServiceToken('default')).toBe(SmsService);
    expect(app.get(SmsService)).toBe(notifier.plain);
    expect(new Set([notifier.marketing, notifier.alerts, notifier.plain]).size).toBe(3);
  });

  it('sends each message to its own workspace, with its own credentials and defaults', async () => {
    const notifier = app.get(Notifier);
    await notifier.marketing.send({ recipient: RECIPIENT, message: 'Sale today' });
    await notifier.alerts.send({ recipient: RECIPIENT, message: 'Server down' });
    await notifier.plain.send({ recipient: RECIPIENT, message: 'Hello' });

    for (const [simulator, senderId, route, message] of [
      [marketingSim, 'MKTGCO', 'promotional', 'Sale today'],
      [alertsSim, 'ALERTS', 'transactional', 'Server down'],
      [defaultSim, 'DFAULT', 'transactional', 'Hello'],
    ] as const) {
      expect(simulator.sends).toHaveLength(1);
      const [send] = simulator.sends;
      expect(send.headers['x-api-key']).toBe(simulator.apiKey);
      expect(send.headers['x-workspace-id']).toBe(simulator.workspaceId);
      expect(send.body).toMatchObject({ sender_id: senderId, route, message });
    }
    expect(app.get(Listener).queued.map((event) => [event.senderId, event.workspace])).toEqual([
      ['MKTGCO', 'marketing'],
      ['ALERTS', 'alerts'],
      ['DFAULT', undefined],
    ]);
  });

  it('routes each postback to its own instance, and the event names it', async () => {
    const notifier = app.get(Notifier);
    await notifier.marketing.send({ recipient: RECIPIENT, message: 'Sale today' });
    await notifier.alerts.send({ recipient: RECIPIENT, message: 'Server down' });
    await notifier.plain.send({ recipient: RECIPIENT, message: 'Hello' });
    await Promise.all(simulators.map((simulator) => simulator.flushPostbacks()));

    for (const simulator of simulators) {
      expect(simulator.postbacks.map((postback) => postback.status)).toEqual([200]);
    }
    const received = app.get(HooksController).received;
    expect(received.map(({ route, event }) => [route, event.workspace, event.workspaceId])).toEqual(
      expect.arrayContaining([
        ['marketing', 'marketing', 'ws-marketing'],
        ['default', undefined, 'ws-default'],
      ]),
    );
    expect(received).toHaveLength(2);
    const events = app.get(Listener).postbacks.map((event) => [event.workspace, event.workspaceId]);
    expect(events).toHaveLength(3);
    expect(events).toEqual(
      expect.arrayContaining([
        ['marketing', 'ws-marketing'],
        ['alerts', 'ws-alerts'],
        [undefined, 'ws-default'],
      ]),
    );
    // Each names the send it reports on, from its own instance's token.
    const marketingEvent = received.find(({ route }) => route === 'marketing')?.event;
    expect(marketingEvent?.requestId).toBe(marketingSim.sends[0].requestId);
  });

  it("refuses (401) a token signed for one workspace at another's endpoint, though they share a secret", async () => {
    // No postbacks of the simulators' own: only those posted below reach the app.
    for (const simulator of simulators) simulator.setPostbackScenario('*', { statuses: [] });
    const notifier = app.get(Notifier);
    await notifier.marketing.send({ recipient: RECIPIENT, message: 'Sale today' });
    await notifier.plain.send({ recipient: RECIPIENT, message: 'Hello' });
    const marketingToken = new URL(postbackUrlOf(marketingSim)).search;
    const defaultToken = new URL(postbackUrlOf(defaultSim)).search;

    // Each body is what the target's own workspace would send, so only the token is wrong.
    const crossed = await Promise.all([
      postRaw(`${base}/alerts/postbacks${marketingToken}`, bodyFor(alertsSim)),
      postRaw(`${base}/hooks/default${marketingToken}`, bodyFor(defaultSim)),
      postRaw(`${base}/hooks/marketing${defaultToken}`, bodyFor(marketingSim)),
      postRaw(`${base}/hooks/marketing-plain${defaultToken}`, bodyFor(marketingSim)),
    ]);
    expect(crossed.map((result) => result.status)).toEqual([401, 401, 401, 401]);
    expect(app.get(Listener).postbacks).toEqual([]);

    // The same tokens at their own endpoints are accepted.
    const own = await Promise.all([
      postRaw(`${base}/hooks/marketing${marketingToken}`, bodyFor(marketingSim)),
      postRaw(`${base}/hooks/default${defaultToken}`, bodyFor(defaultSim)),
    ]);
    expect(own.map((result) => result.status)).toEqual([200, 200]);
    // A later status through the interceptor path: its handler sees the instance too.
    const plain = await postRaw(
      `${base}/hooks/marketing-plain${marketingToken}`,
      bodyFor(marketingSim, 'read'),
    );
    expect(plain.status).toBe(200);
    expect(
      app.get(HooksController).received.map(({ route, event }) => [route, event.workspace, event.status]),
    ).toEqual(
      // The first two were posted together: either order.
      expect.arrayContaining([
        ['marketing', 'marketing', 'delivered'],
        ['default', undefined, 'delivered'],
        ['marketing-plain', 'marketing', 'read'],
      ]),
    );
    expect(app.get(HooksController).received).toHaveLength(3);
  });

  it('puts zixflow.workspace on the spans of a named instance, and none on the unnamed one', async () => {
    const notifier = app.get(Notifier);
    await notifier.marketing.send({ recipient: RECIPIENT, message: 'Sale today' });
    await notifier.plain.send({ recipient: RECIPIENT, message: 'Hello' });
    await Promise.all(simulators.map((simulator) => simulator.flushPostbacks()));

    const workspaces = (name: string) =>
      otel.finishedSpans(name).map((span) => span.attributes['zixflow.workspace']);
    expect(workspaces('zixflow.sms.send').sort()).toEqual(['marketing', undefined]);
    expect(workspaces('zixflow.postback').sort()).toEqual(['marketing', undefined]);
    const sends = await otel.points('zixflow.sms.sends');
    expect(sends.map(([attributes]) => attributes['zixflow.workspace'])).toContain('marketing');
  });
});
