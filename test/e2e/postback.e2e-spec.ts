import 'reflect-metadata';
import {
  Body,
  Controller,
  Headers,
  Injectable,
  Module,
  ValidationPipe,
  type DynamicModule,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import {
  PostbackPayload,
  SmsQueuedEvent,
  SmsService,
  ZixflowEvent,
  ZixflowModule,
  ZixflowPostback,
  postbackEventName,
  type ZixflowModuleOptions,
  type ZixflowPostbackEvent,
  type ZixflowPostbackOptions,
} from '../../lib';
import { PostbackTokenSigner } from '../../lib/postback/auth/postback-token.signer';
import { buildPostbackUrl } from '../../lib/postback/auth/postback-url.util';
import { DOCS_EXAMPLE_BODY, postbackBody } from '../postback/postback-body.fixture';
import { postRaw } from '../postback/postback-http.helper';
import { freePort } from '../utils/free-port';
import { CaptureLogger } from '../utils/capture-logger';
import { createTestApp, simulatorOptions, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_postback_e2e_SECRET_4321';
// The docs' example workspace, so the docs' example body is accepted as is.
const WORKSPACE = '69614209f51dfafb2231a6fe';
const SECRET = 'pb-secret-0123456789abcdefghijkl';
const DOCS_RECIPIENT = '919090909090';
const RECIPIENT = '919876543210';
const RAW_MESSAGE_ID = /"message_id":(\d+),/;
const RAW_BODY_FIX = 'NestFactory.create(AppModule, { rawBody: true })';

/** Records every postback event; `failures` makes the next listener calls throw. */
@Injectable()
class PostbackListener {
  readonly all: ZixflowPostbackEvent[] = [];
  readonly delivered: ZixflowPostbackEvent[] = [];
  failures = 0;

  // suppressErrors: false so a failure reaches the module (by default @nestjs/event-emitter swallows it).
  @OnEvent(ZixflowEvent.Postback, { suppressErrors: false })
  onPostback(event: ZixflowPostbackEvent): void {
    this.all.push(event);
    if (this.failures > 0) {
      this.failures--;
      throw new Error('listener exploded');
    }
  }

  @OnEvent(ZixflowEvent.SmsDelivered)
  onDelivered(event: ZixflowPostbackEvent): void {
    this.delivered.push(event);
  }

  readonly sendQueued: unknown[] = [];
  readonly statusQueued: ZixflowPostbackEvent[] = [];

  @OnEvent(ZixflowEvent.SmsQueued)
  onSendQueued(event: unknown): void {
    this.sendQueued.push(event);
  }

  @OnEvent(postbackEventName('sms', 'queued'))
  onStatusQueued(event: ZixflowPostbackEvent): void {
    this.statusQueued.push(event);
  }
}

@Controller('webhooks')
class WebhooksController {
  readonly received: ZixflowPostbackEvent[] = [];
  failures = 0;

  @ZixflowPostback('zixflow')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('handler exploded');
    }
    this.received.push(event);
  }
}

/** The same handler with the fast paths and the handler wrapper turned off: the plain path. */
@Controller('webhooks')
class PlainWebhooksController {
  readonly received: ZixflowPostbackEvent[] = [];
  failures = 0;

  @ZixflowPostback('zixflow', { wrapHandler: false })
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('handler exploded');
    }
    this.received.push(event);
  }
}

const PLAIN = {
  fastPaths: { postbackLayout: false, postbackTokenCache: false },
  postback: { detectRawBody: false },
} satisfies Partial<ZixflowModuleOptions>;

/** Each behaviour below must hold on the kept fast paths and on their plain twins alike. */
const PATHS: Array<
  [string, typeof WebhooksController | typeof PlainWebhooksController, Partial<ZixflowModuleOptions>]
> = [
  ['fast path', WebhooksController, {}],
  ['plain path', PlainWebhooksController, PLAIN],
];

/** A handler with arguments of its own besides the payload, for apps with global pipes. */
@Controller('webhooks')
class ArgumentsController {
  readonly received: Array<{ event: ZixflowPostbackEvent; body: unknown; agent: unknown }> = [];

  @ZixflowPostback('zixflow')
  onStatus(
    @Headers('user-agent') agent: string,
    @PostbackPayload() event: ZixflowPostbackEvent,
    @Body() body: Record<string, unknown>,
  ): void {
    this.received.push({ event, body, agent });
  }
}

interface BootOptions {
  zixflow: DynamicModule;
  port: number;
  /** Extra modules (e.g. a feature module holding the controller). */
  imports?: Array<Type<unknown> | DynamicModule>;
  controllers?: Type<unknown>[];
  rawBody?: boolean;
  /** Nest's own body parser; false leaves rawBody unobservable. */
  bodyParser?: boolean;
  /** Runs on the app before it listens (e.g. global pipes). */
  configure?: (app: INestApplication) => void;
  /** The adapter's query parser hands back no query. */
  withoutQueryParser?: boolean;
}

interface AdapterCase {
  create: () => AbstractHttpAdapter;
  /** The same adapter with its query parser turned off. */
  withoutQueryParser: () => AbstractHttpAdapter;
}

const adapters: Array<[string, AdapterCase]> = [
  [
    'express',
    {
      create: () => new ExpressAdapter(),
      withoutQueryParser: () => {
        const adapter = new ExpressAdapter();
        adapter.set('query parser', false);
        return adapter;
      },
    },
  ],
  [
    'fastify',
    {
      create: () => new FastifyAdapter(),
      withoutQueryParser: () => new FastifyAdapter({ querystringParser: () => ({}) }),
    },
  ],
];

describe.each(adapters)('postbacks end to end over %s', (_name, adapterCase) => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication | undefined;
  let logger: CaptureLogger;
  let port: number;
  let endpoint: string;
  const signer = new PostbackTokenSigner(SECRET);

  beforeEach(async () => {
    logger = new CaptureLogger();
    port = await freePort();
    endpoint = `http://127.0.0.1:${port}/webhooks/zixflow`;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    expect(logger.text).not.toContain(API_KEY);
    expect(logger.text).not.toContain(SECRET);
  });

  function options(
    postback: ZixflowPostbackOptions = {},
    extra: Partial<ZixflowModuleOptions> = {},
  ): ZixflowModuleOptions {
    return simulatorOptions(simulator, {
      ...extra,
      retry: { maxAttempts: 1 },
      postback: { publicUrl: endpoint, secret: SECRET, ...postback },
    });
  }

  async function boot(boot: BootOptions): Promise<INestApplication> {
    app = await createTestApp(
      {
        imports: [EventEmitterModule.forRoot(), boot.zixflow, ...(boot.imports ?? [])],
        controllers: boot.controllers ?? [WebhooksController],
        providers: [PostbackListener],
      },
      {
        adapter: boot.withoutQueryParser ? adapterCase.withoutQueryParser() : adapterCase.create(),
        app: { rawBody: boot.rawBody ?? true, bodyParser: boot.bodyParser },
        logger,
        configure: boot.configure,
        listenPort: boot.port,
      },
    );
    return app;
  }

  const bootDefault = (postback: ZixflowPostbackOptions = {}): Promise<INestApplication> =>
    boot({ zixflow: ZixflowModule.forRoot(options(postback)), port });

  /** A URL signed for `recipient`, as SmsService would hand it to Zixflow. */
  const signedUrl = (recipient: string, url = endpoint): string =>
    buildPostbackUrl(url, signer.sign(recipient));
  const docsBodyFor = (recipient: string): string => postbackBody({ recipient: JSON.stringify(recipient) });

  it("delivers a send's postbacks to the handler and as events, message id exact, post_back_data untouched", async () => {
    const nest = await bootDefault();
    const data = 'order-42|ü"\\ {x}';
    const { requestId } = await nest
      .get(SmsService)
      .send({ recipient: RECIPIENT, message: 'hi', postBackData: data });
    await simulator.flushPostbacks();

    const [postback] = simulator.postbacksFor(requestId);
    expect(postback.status).toBe(200);
    expect(postback.url.startsWith(`${endpoint}?zxf_token=`)).toBe(true);
    const rawDigits = RAW_MESSAGE_ID.exec(postback.body)?.[1];
    expect(BigInt(rawDigits ?? '0') > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const handled = nest.get(WebhooksController).received;
    const listener = nest.get(PostbackListener);
    expect(handled).toHaveLength(1);
    expect(listener.all).toHaveLength(1);
    expect(listener.delivered).toHaveLength(1);
    for (const event of [handled[0], listener.all[0], listener.delivered[0]]) {
      expect(event.messageId).toBe(rawDigits);
      expect(event).toMatchObject({
        workspaceId: WORKSPACE,
        requestId,
        channel: 'sms',
        recipient: RECIPIENT,
        status: 'delivered',
        postBackData: data,
      });
      expect(event.statusDate).toBeInstanceOf(Date);
    }
  });

  it('a postback with status "queued" reaches its own event, never the send event of the same word', async () => {
    const nest = await bootDefault();
    simulator.setPostbackScenario('*', { statuses: ['queued', 'delivered'], delayMs: 2 });
    const { requestId } = await nest.get(SmsService).send({ recipient: RECIPIENT, message: 'names' });
    await simulator.flushPostbacks();
    const listener = nest.get(PostbackListener);
    expect(listener.all.map((e) => e.status)).toEqual(['queued', 'delivered']);
    expect(listener.statusQueued.map((e) => [e.requestId, e.status])).toEqual([[requestId, 'queued']]);
    // The send's own event only: no postback under ZixflowEvent.SmsQueued.
    expect(listener.sendQueued).toHaveLength(1);
    expect(listener.sendQueued[0]).toBeInstanceOf(SmsQueuedEvent);
  });

  it('answers 200 to duplicates but handles and emits each status change once', async () => {
    const nest = await bootDefault();
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], duplicates: 2, delayMs: 2 });
    const { requestId } = await nest.get(SmsService).send({ recipient: RECIPIENT, message: 'dup' });
    await simulator.flushPostbacks();
    const attempts = simulator.postbacksFor(requestId);
    expect(attempts).toHaveLength(6);
    expect(attempts.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(nest.get(PostbackListener).all.map((e) => e.status)).toEqual(['sent', 'delivered']);
    expect(nest.get(WebhooksController).received).toHaveLength(2);
  });

  it('the plain path (postback fastPaths off, wrapHandler: false) handles, de-duplicates, emits the same', async () => {
    const nest = await boot({
      zixflow: ZixflowModule.forRoot(options(PLAIN.postback, PLAIN)),
      controllers: [PlainWebhooksController],
      port,
    });
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], duplicates: 2, delayMs: 2 });
    const { requestId } = await nest.get(SmsService).send({ recipient: RECIPIENT, message: 'plain' });
    await simulator.flushPostbacks();
    expect(simulator.postbacksFor(requestId).map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(nest.get(PostbackListener).all.map((e) => e.status)).toEqual(['sent', 'delivered']);
    const received = nest.get(PlainWebhooksController).received;
    expect(received.map((e) => e.status)).toEqual(['sent', 'delivered']);
    expect(received[0]).toMatchObject({ requestId, recipient: RECIPIENT, workspaceId: WORKSPACE });
  });

  it("the docs' example body, byte for byte, yields messageId 604132581490819100", async () => {
    const nest = await bootDefault();
    const response = await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY);
    expect(response.status).toBe(200);
    const [event] = nest.get(WebhooksController).received;
    expect(event.messageId).toBe('604132581490819100');
    expect(event).toMatchObject({
      channel: 'whatsapp',
      statusAt: '2026-01-28T17:17:59.254174911Z',
      postBackData: 'somedata',
    });
    expect(nest.get(PostbackListener).all).toHaveLength(1);
  });

  it("takes the token from the request URL when the adapter's query parser is turned off", async () => {
    const nest = await boot({ zixflow: ZixflowModule.forRoot(options()), port, withoutQueryParser: true });
    const response = await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY);
    expect(response.status).toBe(200);
    expect(nest.get(WebhooksController).received).toHaveLength(1);
    // And a URL without one is still refused as unsigned.
    expect((await postRaw(endpoint, DOCS_EXAMPLE_BODY)).status).toBe(401);
  });

  describe('refusals: a JSON reason, no handler call, no event', () => {
    async function expectRefused(url: string, body: string, status: number, message: RegExp): Promise<void> {
      const nest = app ?? (await bootDefault());
      const response = await postRaw(url, body);
      expect(response.status).toBe(status);
      expect(response.json).toEqual({
        statusCode: status,
        error: expect.any(String),
        message: expect.stringMatching(message),
      });
      expect(nest.get(WebhooksController).received).toHaveLength(0);
      expect(nest.get(PostbackListener).all).toHaveLength(0);
    }

    it('401 without a token', async () => {
      await expectRefused(endpoint, DOCS_EXAMPLE_BODY, 401, /token is missing/);
    });

    it('401 with a tampered token', async () => {
      const url = signedUrl(DOCS_RECIPIENT);
      const tampered = url.slice(0, -3) + (url.endsWith('AAA') ? 'BBB' : 'AAA');
      await expectRefused(tampered, DOCS_EXAMPLE_BODY, 401, /does not match/);
    });

    it('401 with a real signed URL reused for another recipient', async () => {
      const nest = await bootDefault();
      simulator.setPostbackScenario('*', { statuses: [] });
      const { requestId } = await nest.get(SmsService).send({ recipient: RECIPIENT, message: 'x' });
      const realUrl = simulator.message(requestId)?.postBackUrl;
      expect(realUrl).toContain('zxf_token=');
      await expectRefused(realUrl ?? '', docsBodyFor('919999999999'), 401, /does not match/);
      // The same URL with its own recipient is accepted.
      expect((await postRaw(realUrl ?? '', docsBodyFor(RECIPIENT))).status).toBe(200);
    });

    it('403 for another workspace', async () => {
      const body = postbackBody({ workspace_id: '"someone-else"' });
      await expectRefused(signedUrl(DOCS_RECIPIENT), body, 403, /workspace_id/);
    });

    it('400 for malformed JSON and for a body that is not a postback', async () => {
      const nest = await bootDefault();
      expect((await postRaw(signedUrl(DOCS_RECIPIENT), '{"workspace_id":')).status).toBe(400);
      await expectRefused(
        signedUrl(DOCS_RECIPIENT),
        postbackBody({ message_id: undefined }),
        400,
        /message_id is missing/,
      );
      await expectRefused(
        signedUrl(DOCS_RECIPIENT),
        postbackBody({ message_id: '6.5e17' }),
        400,
        /message_id/,
      );
      expect(nest.get(PostbackListener).all).toHaveLength(0);
    });

    it('413 over postback.maxBodyBytes', async () => {
      await bootDefault({ maxBodyBytes: 2048 });
      const body = postbackBody({ remark: JSON.stringify('x'.repeat(3000)) });
      await expectRefused(signedUrl(DOCS_RECIPIENT), body, 413, /larger than 2048 bytes/);
    });
  });

  it('a throwing listener is logged and the postback still answered 200 by default', async () => {
    const nest = await bootDefault();
    nest.get(PostbackListener).failures = 1;
    const response = await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY);
    expect(response.status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.text).toMatch(/listener of zixflow\.postback failed.*listener exploded/);
    expect(nest.get(WebhooksController).received).toHaveLength(1);
  });

  it('ackAfterListeners: a throwing listener gives 500, and the retry of the same body is processed', async () => {
    const nest = await bootDefault({ ackAfterListeners: true });
    nest.get(PostbackListener).failures = 1;
    const url = signedUrl(DOCS_RECIPIENT);
    const first = await postRaw(url, DOCS_EXAMPLE_BODY);
    expect(first.status).toBe(500);
    expect(first.json?.message).toMatch(/listener failed/);
    expect(nest.get(WebhooksController).received).toHaveLength(0);
    expect(logger.text).toMatch(/listener exploded/);

    expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
    expect(nest.get(PostbackListener).all).toHaveLength(2);
    expect(nest.get(WebhooksController).received).toHaveLength(1);
    // Now it is handled: a third copy is a duplicate.
    expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
    expect(nest.get(PostbackListener).all).toHaveLength(2);
  });

  describe.each(PATHS)('on the %s', (_path, Controller, pathOptions) => {
    const bootPath = (postback: ZixflowPostbackOptions = {}): Promise<INestApplication> =>
      boot({
        zixflow: ZixflowModule.forRoot(options({ ...pathOptions.postback, ...postback }, pathOptions)),
        controllers: [Controller],
        port,
      });

    it.each([false, true])(
      'a handler failing on retries: listeners see the postback once, the handler runs until it succeeds (ackAfterListeners: %s)',
      async (ackAfterListeners) => {
        const nest = await bootPath({ ackAfterListeners });
        const controller = nest.get(Controller);
        controller.failures = 3;
        const url = signedUrl(DOCS_RECIPIENT);
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await postRaw(url, DOCS_EXAMPLE_BODY)).status);
        expect(statuses).toEqual([500, 500, 500, 200, 200]);
        expect(controller.received).toHaveLength(1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(nest.get(PostbackListener).all).toHaveLength(1);
        expect(nest.get(PostbackListener).delivered).toHaveLength(0);
      },
    );
    it('status in any case and status_at in any offset are one status change; the event keeps the first text', async () => {
      const nest = await bootPath();
      const url = signedUrl(DOCS_RECIPIENT);
      const spellings: Array<[string, string]> = [
        ['Delivered', '2026-01-28T17:17:59.254174911Z'],
        ['DELIVERED', '2026-01-28T17:17:59.254174911Z'],
        ['delivered', '2026-01-28T17:17:59.254174911+00:00'],
        ['delivered', '2026-01-28T22:47:59.254174911+05:30'],
      ];
      for (const [status, statusAt] of spellings) {
        const body = postbackBody({ status: JSON.stringify(status), status_at: JSON.stringify(statusAt) });
        expect((await postRaw(url, body)).status).toBe(200);
      }
      // Another instant (one nanosecond later) is another status change.
      const later = postbackBody({ status_at: '"2026-01-28T17:17:59.254174912Z"' });
      expect((await postRaw(url, later)).status).toBe(200);
      const received = nest.get(Controller).received;
      expect(received.map((e) => [e.status, e.statusAt])).toEqual([
        ['Delivered', '2026-01-28T17:17:59.254174911Z'],
        ['delivered', '2026-01-28T17:17:59.254174912Z'],
      ]);
      expect(nest.get(PostbackListener).all).toHaveLength(2);
    });
    it('415 for a signed postback sent as any other content type, before reading it', async () => {
      // One app for every type: a refusal leaves nothing behind that the next request could see.
      const nest = await bootPath();
      const types = [
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/json; charset=latin1',
        'application/json; charset=iso-8859-1',
        'application/jsonp',
        'application/merge-patch+json',
        'application/json, text/plain',
        null,
      ];
      for (const contentType of types) {
        const response = await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY, contentType);
        // From the guard, or from the adapter's own body parser when it refuses first (Express for an
        // unknown charset, Fastify for a type it has no parser for): a 415 either way.
        expect([contentType, response.status, response.json?.statusCode]).toEqual([contentType, 415, 415]);
      }
      expect(nest.get(Controller).received).toHaveLength(0);
      expect(nest.get(PostbackListener).all).toHaveLength(0);
    });

    it('accepts application/json in any case, with charset=utf-8 or none', async () => {
      const nest = await bootPath();
      const types = ['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset=utf-8'];
      for (const [i, contentType] of types.entries()) {
        const body = postbackBody({ request_id: JSON.stringify(`content-type-${i}`) });
        expect([contentType, (await postRaw(signedUrl(DOCS_RECIPIENT), body, contentType)).status]).toEqual([
          contentType,
          200,
        ]);
      }
      expect(nest.get(Controller).received).toHaveLength(types.length);
    });

    it('401 before any schema detail for a caller without a well-formed token', async () => {
      const nest = await bootPath();
      const schemaless = postbackBody({ workspace_id: undefined, status_at: '"yesterday"' });
      for (const url of [endpoint, `${endpoint}?zxf_token=v1.nonsense`, `${endpoint}?zxf_token=`]) {
        const response = await postRaw(url, schemaless);
        expect([url, response.status]).toEqual([url, 401]);
        expect(response.text).not.toMatch(/workspace_id|status_at|RFC/);
      }
      // With a well-formed token, the body is read and its problems named.
      const named = await postRaw(signedUrl(DOCS_RECIPIENT), schemaless);
      expect([named.status, named.json?.message]).toEqual([400, 'workspace_id is missing']);
      expect(nest.get(PostbackListener).all).toHaveLength(0);
    });
    it('strangers do not set the log volume: one WARN per kind of refusal, then a summary (here at shutdown)', async () => {
      const nest = await bootPath();
      for (let i = 0; i < 20; i++) await postRaw(endpoint, DOCS_EXAMPLE_BODY);
      for (let i = 0; i < 5; i++) await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY, 'text/plain');
      const refusals = () => logger.lines.filter((l) => l.startsWith('warn') && /refused|rejected/.test(l));
      expect(refusals()).toHaveLength(2);
      await nest.close();
      app = undefined;
      expect(refusals()[2]).toMatch(/25 rejected postbacks in the last minute: 401×20, 415×5$/);
    });
    it('refuses a token older than postback.tokenMaxAgeMs with 401 and a clear reason in the log', async () => {
      const nest = await bootPath({ tokenMaxAgeMs: 60 * 60_000 });
      const issuedAt = (minutesAgo: number): number => Date.now() - minutesAgo * 60_000;
      const urlIssued = (minutesAgo: number): string =>
        buildPostbackUrl(endpoint, signer.sign(DOCS_RECIPIENT, 'nonce1', issuedAt(minutesAgo)));
      expect((await postRaw(urlIssued(50), DOCS_EXAMPLE_BODY)).status).toBe(200);
      const late = postbackBody({ status: '"read"' });
      const refused = await postRaw(urlIssued(70), late);
      expect([refused.status, refused.json?.message]).toEqual([
        401,
        expect.stringMatching(/token has expired/),
      ]);
      expect(logger.text).toMatch(/Postback refused with 401: postback token has expired/);
      expect(nest.get(Controller).received).toHaveLength(1);
    });

    it('refuses a first-version token (no issue time) with 401 before reading the body', async () => {
      const nest = await bootPath();
      const v1 = `v1.abcdefghijklmnop.${'A'.repeat(43)}`;
      const response = await postRaw(`${endpoint}?zxf_token=${v1}`, '{"status_at":"yesterday"}');
      expect([response.status, response.json?.message]).toEqual([401, expect.stringMatching(/expired/)]);
      expect(nest.get(PostbackListener).all).toHaveLength(0);
    });
  });

  it('a throwing handler gives 500 and its retry is processed, not deduplicated', async () => {
    const nest = await bootDefault();
    nest.get(WebhooksController).failures = 1;
    const url = signedUrl(DOCS_RECIPIENT);
    expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(500);
    expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
    expect(nest.get(WebhooksController).received).toHaveLength(1);
  });

  it('without rawBody: a clear error at startup, and 500 with the reason instead of a lossy parse', async () => {
    const nest = await boot({ zixflow: ZixflowModule.forRoot(options()), port, rawBody: false });
    expect(
      logger.lines.find((l) => l.startsWith('error') && l.includes('WebhooksController.onStatus')),
    ).toContain(RAW_BODY_FIX);
    const response = await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY);
    expect(response.status).toBe(500);
    expect(response.json?.message).toContain(RAW_BODY_FIX);
    expect(nest.get(PostbackListener).all).toHaveLength(0);
  });

  it('bodyParser: false (rawBody unobservable): a startup warning, then 500 with the reason, logged once', async () => {
    await boot({ zixflow: ZixflowModule.forRoot(options()), port, bodyParser: false });
    expect(logger.text).toMatch(/Could not tell whether rawBody is enabled/);
    for (let i = 0; i < 2; i++) {
      const response = await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY);
      expect(response.status).toBe(500);
      expect(response.json?.message).toContain(RAW_BODY_FIX);
    }
    expect(logger.lines.filter((l) => l.includes('arrived without req.rawBody'))).toHaveLength(1);
  });

  it('verify: false warns at startup, accepts unsigned postbacks, still refuses another workspace', async () => {
    const nest = await bootDefault({ verify: false });
    expect(
      logger.lines.filter((l) => l.startsWith('warn') && l.includes('postback.verify is false')),
    ).toHaveLength(1);
    expect((await postRaw(endpoint, DOCS_EXAMPLE_BODY)).status).toBe(200);
    expect((await postRaw(endpoint, postbackBody({ workspace_id: '"other"' }))).status).toBe(403);
    expect(nest.get(PostbackListener).all).toHaveLength(1);
  });

  describe('where the guard and interceptor are resolved', () => {
    it('a controller in a feature module that imports ZixflowModule', async () => {
      const zixflow = ZixflowModule.forRoot(options());
      @Module({ imports: [zixflow], controllers: [WebhooksController] })
      class WebhooksModule {}
      const nest = await boot({ zixflow, port, imports: [WebhooksModule], controllers: [] });
      expect((await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY)).status).toBe(200);
      expect(nest.get(WebhooksController).received).toHaveLength(1);
    });

    it('a controller in a feature module that does not import a global ZixflowModule', async () => {
      @Module({ controllers: [WebhooksController] })
      class WebhooksModule {}
      const zixflow = ZixflowModule.forRootAsync({ isGlobal: true, useFactory: () => options() });
      const nest = await boot({ zixflow, port, imports: [WebhooksModule], controllers: [] });
      expect((await postRaw(signedUrl(DOCS_RECIPIENT), DOCS_EXAMPLE_BODY)).status).toBe(200);
      expect(nest.get(WebhooksController).received).toHaveLength(1);
    });
  });

  describe('the mounted controller', () => {
    it('postback.path with forRoot', async () => {
      const zixflow = ZixflowModule.forRoot(options({ path: 'hooks/zixflow' }));
      const nest = await boot({ zixflow, port, controllers: [] });
      const url = signedUrl(DOCS_RECIPIENT, `http://127.0.0.1:${port}/hooks/zixflow`);
      expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
      expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
      expect((await postRaw(`http://127.0.0.1:${port}/hooks/zixflow`, DOCS_EXAMPLE_BODY)).status).toBe(401);
      expect(nest.get(PostbackListener).all).toHaveLength(1);
      expect(nest.get(PostbackListener).delivered).toHaveLength(0);
    });

    it('postbackPath with forRootAsync, and a warning when the factory returns postback.path instead', async () => {
      const zixflow = ZixflowModule.forRootAsync({
        postbackPath: '/hooks/async',
        useFactory: () => options(),
      });
      const nest = await boot({ zixflow, port, controllers: [] });
      const url = signedUrl(DOCS_RECIPIENT, `http://127.0.0.1:${port}/hooks/async`);
      expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
      expect(nest.get(PostbackListener).all).toHaveLength(1);
      expect(logger.text).not.toMatch(/is ignored/);
      await nest.close();
      app = undefined;

      const ignored = ZixflowModule.forRootAsync({ useFactory: () => options({ path: 'hooks/ignored' }) });
      await boot({ zixflow: ignored, port, controllers: [] });
      expect(logger.text).toMatch(/postback\.path "hooks\/ignored" is ignored.*postbackPath/);
      const missing = await postRaw(
        signedUrl(DOCS_RECIPIENT, `http://127.0.0.1:${port}/hooks/ignored`),
        DOCS_EXAMPLE_BODY,
      );
      expect(missing.status).toBe(404);
    });
  });

  it("a handler's own arguments arrive intact through a global ValidationPipe, duplicates still skipped", async () => {
    const nest = await boot({
      zixflow: ZixflowModule.forRoot(options()),
      port,
      controllers: [ArgumentsController],
      configure: (a) => a.useGlobalPipes(new ValidationPipe({ transform: true })),
    });
    const url = signedUrl(DOCS_RECIPIENT);
    expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
    expect((await postRaw(url, DOCS_EXAMPLE_BODY)).status).toBe(200);
    const received = nest.get(ArgumentsController).received;
    expect(received).toHaveLength(1);
    expect(received[0].event.messageId).toBe('604132581490819100');
    expect(received[0].body).toMatchObject({ request_id: '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1' });
    expect(typeof received[0].agent === 'string' || received[0].agent === undefined).toBe(true);
    expect(nest.get(PostbackListener).all).toHaveLength(1);
  });

  it('two apps in one process each use their own dedup store and listeners', async () => {
    const first = await bootDefault();
    app = undefined;
    const secondPort = await freePort();
    const second = await boot({ zixflow: ZixflowModule.forRoot(options()), port: secondPort });
    try {
      const body = postbackBody({ request_id: '"two-apps"' });
      expect((await postRaw(signedUrl(DOCS_RECIPIENT), body)).status).toBe(200);
      const secondUrl = signedUrl(DOCS_RECIPIENT, `http://127.0.0.1:${secondPort}/webhooks/zixflow`);
      expect((await postRaw(secondUrl, body)).status).toBe(200);
      expect((await postRaw(secondUrl, body)).status).toBe(200);
      expect(first.get(WebhooksController).received).toHaveLength(1);
      expect(second.get(WebhooksController).received).toHaveLength(1);
      expect(first.get(PostbackListener).all).toHaveLength(1);
      expect(second.get(PostbackListener).all).toHaveLength(1);
    } finally {
      await first.close();
    }
  });

  it('property: arbitrary bodies with a valid token get 200/400/401/403/413, never 5xx, and the app keeps serving', async () => {
    const nest = await bootDefault({ maxBodyBytes: 2048 });
    const url = signedUrl(DOCS_RECIPIENT);
    const text = fc.string({ maxLength: 40 });
    // Mostly valid fields, so runs reach the token, workspace and dedup stages, not only the parser.
    const mostly = <T, U>(valid: fc.Arbitrary<T>, junk: fc.Arbitrary<U>) =>
      fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: junk, weight: 1 });
    const postbackLike = fc
      .record({
        workspace_id: mostly(fc.constant(WORKSPACE), text),
        type: mostly(fc.constant('delivery_status'), text),
        message_id: mostly(
          fc.bigInt(0n, 2n ** 64n - 1n),
          fc.oneof(text, fc.double(), fc.bigInt(2n ** 64n, 2n ** 70n)),
        ),
        request_id: mostly(fc.uuid(), fc.integer()),
        channel: mostly(fc.constantFrom('sms', 'whatsapp'), fc.oneof(fc.constantFrom('a.b', '*', ''), text)),
        recipient: mostly(fc.constant(DOCS_RECIPIENT), text),
        status: mostly(
          fc.constantFrom('delivered', 'failed', 'read'),
          fc.oneof(fc.constantFrom('x.*', '**'), text),
        ),
        remark: fc.oneof(text, fc.constant(null)),
        status_at: mostly(fc.constant('2026-01-28T17:17:59.254174911Z'), text),
        post_back_data: fc.oneof(text, fc.integer(), fc.constant(null)),
      })
      .map((body) =>
        JSON.stringify(body, (_key, value: unknown) =>
          typeof value === 'bigint' ? `__BIG${value}__` : value,
        ).replace(/"__BIG(\d+)__"/g, '$1'),
      );
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.json({ maxDepth: 4 }),
      postbackLike,
      postbackLike,
      fc.integer({ min: 1500, max: 4000 }).map((n) => JSON.stringify({ remark: 'x'.repeat(n) })),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const { status } = await postRaw(url, body);
        expect([200, 400, 401, 403, 413]).toContain(status);
      }),
      { numRuns: 50 },
    );
    // Still serving: a fresh, valid postback is handled.
    const fresh = postbackBody({ request_id: '"after-the-storm"' });
    expect((await postRaw(url, fresh)).status).toBe(200);
    expect(nest.get(WebhooksController).received.some((e) => e.requestId === 'after-the-storm')).toBe(true);
  });
});
