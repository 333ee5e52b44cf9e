import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  SmsService,
  ZixflowApiError,
  ZixflowAuthError,
  ZixflowModule,
  ZixflowNetworkError,
  ZixflowNotFoundError,
  ZixflowRateLimitError,
  ZixflowValidationError,
} from '../../../lib';
import { ZixflowTesting, ZixflowTestingModule, type ZixflowTestingModuleOptions } from '../../../lib/testing';
import { rejectionOf, thrownBy } from '../../utils/thrown-by';
import { DeliveryController, OtpModule, OtpService, POSTBACK_URL } from './user-app.fixture';

const PHONE = '919876543210';
const OTHER = '447700900123';
const DEFAULTS = { senderId: 'ACMEOT', route: 'transactional' as const };

async function createApp(
  options: ZixflowTestingModuleOptions = {},
  adapter?: () => AbstractHttpAdapter,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ZixflowTestingModule.forRoot({ defaults: DEFAULTS, postback: { publicUrl: POSTBACK_URL }, ...options }),
    ],
    providers: [OtpService],
    controllers: [DeliveryController],
  }).compile();
  const app = adapter
    ? moduleRef.createNestApplication(adapter(), { rawBody: true, logger: false })
    : moduleRef.createNestApplication({ rawBody: true, logger: false });
  await app.init();
  if (adapter) await (app.getHttpAdapter().getInstance() as { ready?: () => Promise<unknown> }).ready?.();
  return app;
}

describe('ZixflowTestingModule: sends', () => {
  let app: INestApplication;
  let otp: OtpService;
  let testing: ZixflowTesting;

  beforeAll(async () => {
    app = await createApp();
    otp = app.get(OtpService);
    testing = app.get(ZixflowTesting);
  });
  beforeEach(() => testing.reset());
  afterAll(() => app.close());

  it('records every send with its fields, requestId and sendId; expectSent finds it', async () => {
    const result = await otp.sendCode(PHONE, '4711');

    expect(testing.sent).toHaveLength(1);
    const send = testing.expectSent({ recipient: PHONE, message: /4711/ });
    expect(send).toMatchObject({
      kind: 'message',
      recipient: PHONE,
      message: 'Your code is 4711',
      senderId: 'ACMEOT',
      route: 'transactional',
      outcome: 'accepted',
      requestId: result.requestId,
      sendId: result.sendId,
    });
    expect(send.postBackUrl).toMatch(/^http:\/\/localhost\/sms\/status\?zxf_token=v2\./);
    expect(send.body).toMatchObject({ recipient: PHONE, sender_id: 'ACMEOT', message: 'Your code is 4711' });
  });

  it('expectSent throws a readable error listing what was sent when nothing matches', async () => {
    await otp.sendCode(PHONE, '1234');
    const error = thrownBy(() => testing.expectSent({ recipient: OTHER }), Error);
    expect(error.name).toBe('ZixflowTestingAssertionError');
    expect(error.message).toContain(`Expected a send matching { recipient: '${OTHER}' }`);
    expect(error.message).toContain('none of the 1 send(s) matches');
    expect(error.message).toContain(`#1 { sendId: '`);
    expect(error.message).toContain(`recipient: '${PHONE}'`);

    testing.reset();
    expect(() => testing.expectSent({ recipient: PHONE })).toThrow('but nothing was sent.');
  });

  it('answers with a scripted requestId, once, then with the default', async () => {
    testing.scriptOutcome(PHONE, { outcome: 'accepted', requestId: 'req-scripted-1' }, 1);
    expect((await otp.sendCode(PHONE, '1')).requestId).toBe('req-scripted-1');
    expect((await otp.sendCode(PHONE, '2')).requestId).not.toBe('req-scripted-1');
  });

  it('AUTH rejects with ZixflowAuthError, not sent, carrying the sendId', async () => {
    testing.scriptOutcome(PHONE, { outcome: 'rejected', code: 'AUTH', message: 'Invalid API key' });
    const error = await rejectionOf(otp.sendCode(PHONE, '1'), ZixflowAuthError);
    expect(error).toMatchObject({
      code: 'AUTH',
      status: 401,
      outcome: 'not_sent',
      apiMessage: 'Invalid API key',
    });
    expect(error.sendId).toBe(testing.expectSent({ outcome: 'rejected', errorCode: 'AUTH' }).sendId);
    // Refused credentials are never retried.
    expect(testing.sent).toHaveLength(1);
  });

  it('RATE_LIMITED rejects with ZixflowRateLimitError after the module retried it', async () => {
    testing.scriptOutcome(PHONE, { outcome: 'rejected', code: 'RATE_LIMITED', retryAfterSeconds: 0 });
    const error = await rejectionOf(otp.sendCode(PHONE, '1'), ZixflowRateLimitError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, outcome: 'not_sent' });
    // The real retry policy ran: three attempts (its default), the same sendId each time.
    expect(testing.sent).toHaveLength(3);
    expect(new Set(testing.sent.map((s) => s.sendId))).toEqual(new Set([error.sendId]));
  });

  it('a scripted 429 that clears lets the retried send through', async () => {
    testing.scriptOutcome(PHONE, { outcome: 'rejected', code: 'RATE_LIMITED' }, 1);
    const result = await otp.sendCode(PHONE, '1');
    expect(testing.sent.map((s) => s.outcome)).toEqual(['rejected', 'accepted']);
    expect(testing.sent[1].requestId).toBe(result.requestId);
  });

  it('API_ERROR with a 5xx status rejects with ZixflowApiError, outcome unknown, not retried', async () => {
    testing.scriptOutcome('*', { outcome: 'rejected', code: 'API_ERROR', status: 503 });
    const error = await rejectionOf(otp.sendCode(OTHER, '1'), ZixflowApiError);
    expect(error).toMatchObject({ code: 'API_ERROR', status: 503, outcome: 'unknown' });
    expect(testing.sent).toHaveLength(1);
  });

  it('API_ERROR 400 is not_sent; a recipient script wins over the wildcard', async () => {
    testing.scriptOutcome('*', { outcome: 'rejected', code: 'AUTH' });
    testing.scriptOutcome(PHONE, {
      outcome: 'rejected',
      code: 'API_ERROR',
      status: 400,
      message: 'bad sender',
    });
    const error = await rejectionOf(otp.sendCode(PHONE, '1'), ZixflowApiError);
    expect(error).toMatchObject({
      code: 'API_ERROR',
      status: 400,
      outcome: 'not_sent',
      apiMessage: 'bad sender',
    });
    await expect(otp.sendCode(OTHER, '1')).rejects.toBeInstanceOf(ZixflowAuthError);
  });

  it('unknown rejects with ZixflowNetworkError, outcome unknown; a postback naming the send resolves it', async () => {
    testing.scriptOutcome(PHONE, { outcome: 'unknown', requestId: 'req-lost' });
    const error = await rejectionOf(otp.sendCode(PHONE, '1'), ZixflowNetworkError);
    expect(error).toMatchObject({ code: 'NETWORK', outcome: 'unknown' });
    expect(testing.sent).toHaveLength(1);

    const sms = app.get(SmsService);
    const resolved = sms.resolveOutcome(error.sendId!, { timeoutMs: 5000 });
    const delivered = await testing.deliverPostback({ sendId: error.sendId, status: 'delivered' });
    expect(delivered.status).toBe(200);
    await expect(resolved).resolves.toEqual({ state: 'queued', requestId: 'req-lost', sendId: error.sendId });
  });

  it('refuses an impossible script at once', () => {
    expect(() => testing.scriptOutcome(PHONE, { outcome: 'rejected', code: 'AUTH', status: 500 })).toThrow(
      RangeError,
    );
    expect(() => testing.scriptOutcome(PHONE, { outcome: 'rejected', code: 'NOPE' as 'AUTH' })).toThrow(
      TypeError,
    );
    expect(() => testing.scriptOutcome(PHONE, { outcome: 'accepted' }, 0)).toThrow(RangeError);
    expect(() => ZixflowTestingModule.forRoot({ defaultOutcome: { outcome: 'maybe' } as never })).toThrow(
      TypeError,
    );
  });

  it('answers getDeliveryReport, getStatus and waitForStatus from its own state', async () => {
    const sms = app.get(SmsService);
    const { requestId } = await otp.sendCode(PHONE, '1');
    await expect(sms.getDeliveryReport(requestId)).resolves.toMatchObject({ requestId, status: 'queued' });
    await expect(sms.getDeliveryReport('nobody')).rejects.toBeInstanceOf(ZixflowNotFoundError);

    const waiting = sms.waitForStatus(requestId, { timeoutMs: 5000 });
    await testing.deliverPostback({ requestId, status: 'delivered', remark: 'ok' });
    await expect(waiting).resolves.toMatchObject({ requestId, status: 'delivered' });
    await expect(sms.getStatus(requestId)).resolves.toMatchObject({ status: 'delivered' });
    await expect(sms.getDeliveryReport(requestId)).resolves.toMatchObject({
      status: 'delivered',
      remark: 'ok',
    });
  });
});

describe("ZixflowTestingModule: validation is the real module's", () => {
  let real: INestApplication;
  let fake: INestApplication;

  beforeAll(async () => {
    // The real module never reaches the network here: every input below fails validation first.
    const realRef = await Test.createTestingModule({
      imports: [ZixflowModule.forRoot({ apiKey: 'k', workspaceId: 'w', defaults: DEFAULTS })],
    }).compile();
    real = realRef.createNestApplication({ logger: false });
    await real.init();
    fake = await createApp();
  });
  afterAll(async () => {
    await real.close();
    await fake.close();
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ['no recipient', { message: 'hi' }],
    ['a recipient with letters', { recipient: '91abc', message: 'hi' }],
    ['an empty message', { recipient: PHONE, message: '' }],
    ['an unknown route', { recipient: PHONE, message: 'hi', route: 'fast' }],
    ['a wrong type', { recipient: PHONE, message: 42, isFlash: 'yes' }],
  ];

  it.each(invalid)('%s: the same ZixflowValidationError, and nothing sent', async (_name, input) => {
    const fromReal = await rejectionOf(real.get(SmsService).send(input as never), ZixflowValidationError);
    const fromFake = await rejectionOf(fake.get(SmsService).send(input as never), ZixflowValidationError);
    expect(fromFake.code).toBe('VALIDATION');
    expect(fromFake.outcome).toBe('not_sent');
    expect(fromFake.errors).toEqual(fromReal.errors);
    expect(fromFake.message).toBe(fromReal.message);
    expect(typeof fromFake.sendId).toBe('string');
    expect(fake.get(ZixflowTesting).sent).toHaveLength(0);
  });
});

describe.each<[string, () => AbstractHttpAdapter]>([
  ['express', () => new ExpressAdapter()],
  ['fastify', () => new FastifyAdapter()],
])('ZixflowTestingModule: postbacks to your own controller (%s)', (_name, adapter) => {
  let app: INestApplication;
  let testing: ZixflowTesting;
  let controller: DeliveryController;

  beforeAll(async () => {
    app = await createApp({}, adapter);
    testing = app.get(ZixflowTesting);
    controller = app.get(DeliveryController);
  });
  beforeEach(() => {
    testing.reset();
    controller.received.length = 0;
  });
  afterAll(() => app.close());

  it('reaches the handler through the guard, naming the send', async () => {
    const sent = await app.get(OtpService).sendCode(PHONE, '1');
    const result = await testing.deliverPostback({ requestId: sent.requestId, status: 'delivered' });
    expect(result.status).toBe(200);
    expect(controller.received).toHaveLength(1);
    expect(controller.received[0]).toMatchObject({
      requestId: sent.requestId,
      sendId: sent.sendId,
      recipient: PHONE,
      status: 'delivered',
      workspaceId: 'test-workspace',
      stale: false,
    });
    // Not listening before, not listening after: the server was bound for the request only.
    expect((app.getHttpServer() as { listening: boolean }).listening).toBe(false);
  });

  it('an older status after a newer one arrives stale', async () => {
    const sent = await app.get(OtpService).sendCode(PHONE, '1');
    await testing.deliverPostback({
      sendId: sent.sendId,
      status: 'delivered',
      statusAt: '2026-01-28T17:17:59.000000002Z',
    });
    await testing.deliverPostback({
      sendId: sent.sendId,
      status: 'sent',
      statusAt: '2026-01-28T17:17:59.000000001Z',
    });
    expect(controller.received.map((e) => [e.status, e.stale])).toEqual([
      ['delivered', false],
      ['sent', true],
    ]);
    await expect(app.get(SmsService).getDeliveryReport(sent.requestId)).resolves.toMatchObject({
      status: 'delivered',
    });
  });

  it('a tampered postback (another recipient than the token was signed for) is refused with 401', async () => {
    const sent = await app.get(OtpService).sendCode(PHONE, '1');
    const result = await testing.deliverPostback({
      requestId: sent.requestId,
      status: 'delivered',
      recipient: OTHER,
    });
    expect(result.status).toBe(401);
    expect(controller.received).toHaveLength(0);
  });

  it('a path that is not the route answers 404', async () => {
    const sent = await app.get(OtpService).sendCode(PHONE, '1');
    const result = await testing.deliverPostback({
      requestId: sent.requestId,
      status: 'delivered',
      path: '/elsewhere',
    });
    expect(result.status).toBe(404);
  });
});

describe('ZixflowTestingModule: setup', () => {
  it('isGlobal serves SmsService to a feature module', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ZixflowTestingModule.forRoot({ isGlobal: true, defaults: DEFAULTS }), OtpModule],
    }).compile();
    await moduleRef.get(OtpService, { strict: false }).sendCode(PHONE, '9');
    moduleRef.get(ZixflowTesting, { strict: false }).expectSent({ recipient: PHONE });
    await moduleRef.close();
  });

  it('two apps from one DynamicModule share no state', async () => {
    const module = ZixflowTestingModule.forRoot({ defaults: DEFAULTS });
    const refs = await Promise.all(
      [0, 1].map(() => Test.createTestingModule({ imports: [module], providers: [OtpService] }).compile()),
    );
    await refs[0].get(OtpService).sendCode(PHONE, '1');
    expect(refs[0].get(ZixflowTesting).sent).toHaveLength(1);
    expect(refs[1].get(ZixflowTesting).sent).toHaveLength(0);
    await Promise.all(refs.map((r) => r.close()));
  });

  it('deliverPostback without an HTTP app says what to do', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ZixflowTestingModule.forRoot({ defaults: DEFAULTS })],
      providers: [OtpService],
    }).compile();
    const sent = await moduleRef.get(OtpService).sendCode(PHONE, '1');
    await expect(
      moduleRef.get(ZixflowTesting).deliverPostback({ requestId: sent.requestId, status: 'delivered' }),
    ).rejects.toThrow('needs an HTTP app: moduleRef.createNestApplication({ rawBody: true })');
    await expect(
      moduleRef.get(ZixflowTesting).deliverPostback({ requestId: 'nope', status: 'x' }),
    ).rejects.toThrow('no send went out with requestId nope');
    await moduleRef.close();
  });

  it("boot-time checks are the real module's: a bad option fails compile", async () => {
    await expect(
      Test.createTestingModule({ imports: [ZixflowTestingModule.forRoot({ timeoutMs: -1 })] }).compile(),
    ).rejects.toThrow(/timeoutMs/);
  });
});
