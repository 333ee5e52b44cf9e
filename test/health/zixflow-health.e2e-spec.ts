import 'reflect-metadata';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule, type HealthCheckResult } from '@nestjs/terminus';
import request from 'supertest';
import { SmsService, ZixflowModule, type ZixflowModuleOptions } from '../../lib';
import { ZixflowHealthIndicator, type ZixflowHealthCheckOptions } from '../../lib/health';
import { createTestApp, simulatorOptions, useTestSimulator } from '../utils/zixflow-test-app';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { freePort } from '../utils/free-port';
import { FaultyStore } from '../utils/faulty-store';
import type { ZixflowSimulator } from '../../lib/testing';

const API_KEY = 'sk_health_check_key_0123456789';
const WORKSPACE = 'ws_health';
const WRONG_KEY = 'sk_health_wrong_key_9876543210';
const REPORT_PATH = '/api/data/messages/v1/delivery-report';

/** The controller an app writes: Terminus' HealthCheckService with our indicator, passive and active. */
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly zixflow: ZixflowHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.zixflow.isHealthy('zixflow')]);
  }

  @Get('active')
  @HealthCheck()
  active(): Promise<HealthCheckResult> {
    return this.health.check([() => this.zixflow.isHealthy('zixflow', { active: true })]);
  }
}

async function healthApp(
  simulator: ZixflowSimulator,
  extra: Partial<ZixflowModuleOptions> = {},
  listenPort?: number,
): Promise<INestApplication> {
  return createTestApp(
    {
      imports: [TerminusModule, ZixflowModule.forRoot(simulatorOptions(simulator, extra))],
      controllers: [HealthController],
      providers: [ZixflowHealthIndicator],
    },
    { listenPort },
  );
}

/** What HealthCheckService.check answers (200) or throws (503), as the JSON body Terminus serves. */
async function check(app: INestApplication, options: ZixflowHealthCheckOptions = {}) {
  const health = app.get(HealthCheckService);
  const indicator = app.get(ZixflowHealthIndicator);
  try {
    const result = await health.check([() => indicator.isHealthy('zixflow', options)]);
    return { httpStatus: 200, body: result };
  } catch (error) {
    const response = error as { getStatus(): number; getResponse(): HealthCheckResult };
    return { httpStatus: response.getStatus(), body: response.getResponse() };
  }
}

describe('ZixflowHealthIndicator through Terminus', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is up over HTTP with the pool, the sends and no store to reach, and calls Zixflow for nothing', async () => {
    const port = await freePort();
    app = await healthApp(simulator, {}, port);
    await app.get(SmsService).send({ recipient: '919876543210', message: 'hello' });

    const response = await request(`http://127.0.0.1:${port}`).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { zixflow: { status: 'up' } } });
    const details = response.body.details.zixflow;
    expect(details.transport).toMatchObject({ adapter: 'undici', connected: 1, running: 0, pending: 0 });
    expect(details.sends).toEqual({
      lastSuccessAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastFailure: null,
      failuresByCode: {},
      failureWindowSeconds: 300,
    });
    expect(details.store).toEqual({ configured: false });
    expect(details.credentials).toBeUndefined();
    expect(simulator.requests).toHaveLength(1); // the send; the check itself made no request
    expectNoSecrets(response.body, [API_KEY, '919876543210', 'hello']);
  });

  it("names axios' adapter when the module sends through it", async () => {
    app = await healthApp(simulator, { http: { adapter: 'http' } });
    const { body } = await check(app);
    expect(body.details.zixflow.transport).toEqual({ adapter: 'http' });
  });

  it('counts failed sends by code and keeps the time of the last success', async () => {
    app = await healthApp(simulator, { retry: { maxAttempts: 1 } });
    const sms = app.get(SmsService);
    await sms.send({ recipient: '919876543210', message: 'ok' });
    simulator.failNext({ kind: 'status', status: 500 }, 2);
    simulator.failNext({ kind: 'status', status: 429, retryAfter: '1' });
    for (let i = 0; i < 3; i += 1) {
      await expect(sms.send({ recipient: '919876543210', message: 'fails' })).rejects.toThrow();
    }

    const { httpStatus, body } = await check(app);
    // Zixflow's own failures are reported, not judged: the instance stays up.
    expect(httpStatus).toBe(200);
    const { sends } = body.details.zixflow;
    expect(sends.failuresByCode).toEqual({ API_ERROR: 2, RATE_LIMITED: 1 });
    expect(sends.lastFailure).toEqual({ code: 'RATE_LIMITED', at: expect.any(String) });
    expect(Date.parse(sends.lastFailure.at)).toBeGreaterThanOrEqual(Date.parse(sends.lastSuccessAt));
  });

  it('is down while the last send was refused with AUTH, and up again after a success', async () => {
    app = await healthApp(simulator);
    const sms = app.get(SmsService);
    simulator.failNext({ kind: 'status', status: 401 });
    await expect(sms.send({ recipient: '919876543210', message: 'refused' })).rejects.toMatchObject({
      code: 'AUTH',
    });

    const down = await check(app);
    expect(down.httpStatus).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', error: { zixflow: { status: 'down' } } });
    expect(down.body.details.zixflow.reasons).toEqual(['last send refused with AUTH, none succeeded since']);
    expect(down.body.details.zixflow.sends.failuresByCode).toEqual({ AUTH: 1 });

    await sms.send({ recipient: '919876543210', message: 'accepted' });
    expect((await check(app)).httpStatus).toBe(200);
  });

  describe('active check', () => {
    it('proves the credentials with one delivery-report read, never a send', async () => {
      const port = await freePort();
      app = await healthApp(simulator, {}, port);
      const response = await request(`http://127.0.0.1:${port}`).get('/health/active').expect(200);
      expect(response.body.details.zixflow.credentials).toEqual({
        accepted: true,
        checkedAt: expect.any(String),
      });
      expect(simulator.requests.map((r) => [r.method, r.path, r.query, r.response?.status])).toEqual([
        ['GET', REPORT_PATH, { request_id: 'zixflow-health-check' }, 404],
      ]);
      expect(simulator.messages).toEqual([]);
    });

    it('is down over HTTP when Zixflow refuses the key, without leaking it', async () => {
      const port = await freePort();
      app = await healthApp(simulator, { apiKey: WRONG_KEY }, port);
      // The passive check knows nothing wrong yet; the active one asks Zixflow.
      await request(`http://127.0.0.1:${port}`).get('/health').expect(200);
      const response = await request(`http://127.0.0.1:${port}`).get('/health/active').expect(503);
      expect(response.body).toMatchObject({ status: 'error', error: { zixflow: { status: 'down' } } });
      expect(response.body.details.zixflow.credentials).toEqual({
        accepted: false,
        error: 'AUTH',
        checkedAt: expect.any(String),
      });
      expect(response.body.details.zixflow.reasons).toEqual(['active check failed (AUTH)']);
      expect(simulator.requests.map((r) => r.response?.status)).toEqual([401]);
      expect(simulator.messages).toEqual([]);
      expectNoSecrets(response.body, [WRONG_KEY, API_KEY]);
    });

    it('reuses its result for activeCacheMs and shares the read in flight', async () => {
      app = await healthApp(simulator);
      const results = await Promise.all([check(app, { active: true }), check(app, { active: true })]);
      await check(app, { active: true });
      expect(results.map((r) => r.httpStatus)).toEqual([200, 200]);
      expect(simulator.requestsTo(REPORT_PATH)).toHaveLength(1);

      await check(app, { active: true, activeCacheMs: 0 });
      expect(simulator.requestsTo(REPORT_PATH)).toHaveLength(2);
    });

    it('is down with TIMEOUT when Zixflow does not answer in time, and makes one attempt', async () => {
      app = await healthApp(simulator);
      simulator.failNext({ kind: 'delay', ms: 2_000 });
      const { httpStatus, body } = await check(app, { active: true, timeoutMs: 100 });
      expect(httpStatus).toBe(503);
      expect(body.details.zixflow.credentials).toMatchObject({ accepted: false, error: 'TIMEOUT' });
      expect(simulator.requestsTo(REPORT_PATH)).toHaveLength(1);
    });
  });

  describe('store', () => {
    it('reads the configured store and is up while it answers', async () => {
      const store = new FaultyStore();
      app = await healthApp(simulator, { store });
      const { httpStatus, body } = await check(app);
      expect(httpStatus).toBe(200);
      expect(body.details.zixflow.store).toEqual({ configured: true, reachable: true });
      expect(store.calls.getStatus).toBe(1);
    });

    it.each(['reject', 'throw'] as const)(
      'is down when the store reads %s, naming a code and never the message',
      async (how) => {
        const store = new FaultyStore();
        app = await healthApp(simulator, { store });
        store.fail('getStatus', how);
        const { httpStatus, body } = await check(app);
        expect(httpStatus).toBe(503);
        expect(body.details.zixflow.store).toEqual({
          configured: true,
          reachable: false,
          error: 'STORE_UNAVAILABLE',
        });
        expect(body.details.zixflow.reasons).toEqual(['store unreachable (STORE_UNAVAILABLE)']);
        // A driver's message may hold a URL with a password: only the code is reported.
        expectNoSecrets(body, ['store unreachable (getStatus)']);

        store.heal();
        expect((await check(app)).httpStatus).toBe(200);
      },
    );

    it('is down with TIMEOUT when the store never answers', async () => {
      const store = new FaultyStore();
      app = await healthApp(simulator, { store });
      store.fail('getStatus', 'hang');
      const { httpStatus, body } = await check(app, { timeoutMs: 50 });
      expect(httpStatus).toBe(503);
      expect(body.details.zixflow.store).toEqual({ configured: true, reachable: false, error: 'TIMEOUT' });
    });
  });

  it('is provided by a feature module when ZixflowModule is global', async () => {
    @Module({
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [ZixflowHealthIndicator],
    })
    class HealthModule {}
    const store = new FaultyStore();
    app = await createTestApp({
      imports: [
        ZixflowModule.forRoot({ ...simulatorOptions(simulator, { store }), isGlobal: true }),
        HealthModule,
      ],
    });
    store.fail('getStatus');
    const { httpStatus, body } = await check(app);
    expect(httpStatus).toBe(503);
    expect(body.details.zixflow.store).toMatchObject({ reachable: false });
  });

  it('refuses an invalid option before reading anything', async () => {
    const store = new FaultyStore();
    app = await healthApp(simulator, { store });
    const indicator = app.get(ZixflowHealthIndicator);
    await expect(indicator.isHealthy('zixflow', { timeoutMs: -1 })).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('timeoutMs'),
    });
    await expect(indicator.isHealthy('zixflow', { activeCacheMs: Number.NaN })).rejects.toThrow(
      /activeCacheMs/,
    );
    expect(store.calls.getStatus).toBe(0);
  });
});
