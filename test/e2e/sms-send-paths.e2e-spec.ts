import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { HttpService } from '@nestjs/axios';
import { SmsService, ZIXFLOW_HTTP_SERVICE, ZixflowError, type ZixflowModuleOptions } from '../../lib';
import type { SimulatorFault } from '../../lib/testing';
import { CaptureLogger } from '../utils/capture-logger';
import { freePort } from '../utils/free-port';
import { untilReceived } from '../utils/until-received';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_paths_SECRET_0000';
const WORKSPACE = 'ws_paths_1111';
const INPUT = { recipient: '919876543210', message: 'Your order shipped' };

/**
 * ZixflowHttpClient skips axios' pipeline for JSON POSTs while the module's axios instance has no
 * interceptor (fast path). These tests run every send outcome through the fast path and the plain axios path,
 * forced either by a no-op interceptor or by `fastPaths.directDispatch: false`, and require the same wire
 * request and the same result or typed error.
 */
type Mode = 'fast' | 'interceptor' | 'off';
const MODES: readonly Mode[] = ['fast', 'interceptor', 'off'];

describe('SmsService.send: fast path and axios path behave the same', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  const apps: INestApplication[] = [];
  const shared: INestApplication[] = [];

  afterEach(async () => {
    while (apps.length) await apps.pop()!.close();
  });
  afterAll(async () => {
    while (shared.length) await shared.pop()!.close();
  });

  /** Boots an app for `mode`; it is closed after the test, or after the describe when `until` is 'all'. */
  async function boot(
    mode: Mode,
    extra?: Partial<ZixflowModuleOptions>,
    until: 'test' | 'all' = 'test',
  ): Promise<{ sms: SmsService; http: HttpService }> {
    const fastPaths = mode === 'off' ? { fastPaths: { directDispatch: false } } : {};
    const app = await createZixflowTestApp(
      simulator,
      {
        retry: { maxAttempts: 1 },
        // Generous: a cold first send on a busy machine must not time out where no timeout is tested.
        timeoutMs: 5_000,
        http: { headers: { 'x-tenant': 'acme' } },
        ...extra,
        ...fastPaths,
      },
      { logger: new CaptureLogger() },
    );
    (until === 'test' ? apps : shared).push(app);
    const http = app.get<HttpService>(ZIXFLOW_HTTP_SERVICE);
    if (mode === 'interceptor') http.axiosRef.interceptors.request.use((config) => config);
    return { sms: app.get(SmsService), http };
  }

  /** What a caller can observe of a send: the result shape, or the typed error's public fields. */
  async function outcome(promise: Promise<unknown>): Promise<Record<string, unknown>> {
    try {
      const result = (await promise) as { requestId: string; message: string };
      return {
        ok: true,
        requestIdLooksRight: /^[0-9a-f-]{36}$/.test(result.requestId),
        message: result.message,
      };
    } catch (error) {
      const e = error as ZixflowError & Record<string, unknown>;
      return {
        ok: false,
        typed: error instanceof ZixflowError,
        name: e.name,
        code: e.code,
        message: e.message,
        status: e.status,
        apiMessage: e.apiMessage,
        outcome: e.outcome,
        retryAfterMs: e.retryAfterMs,
      };
    }
  }

  it('puts the same request on the wire', async () => {
    const seen: Array<{ headers: Record<string, unknown>; body: string; path: string }> = [];
    for (const mode of MODES) {
      simulator.reset();
      const { sms } = await boot(mode);
      await sms.send({ ...INPUT, postBackData: 'x' });
      const request = simulator.requests[0];
      const { host: _host, ...headers } = request.headers as Record<string, unknown>;
      seen.push({ headers, body: request.rawBody, path: request.path });
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0].headers).toMatchObject({
      'x-api-key': API_KEY,
      'x-workspace-id': WORKSPACE,
      'x-tenant': 'acme',
    });
  });

  /** The fault table's client timeout: short, since two of its cases wait for it, yet far above a send's time. */
  const FAULT_TIMEOUT_MS = 1_500;
  /** How long the timeout faults hold the answer: well past FAULT_TIMEOUT_MS. */
  const FAULT_STALL_MS = 5_000;
  const faults: Array<[string, SimulatorFault | undefined]> = [
    ['success', undefined],
    ['401', { kind: 'status', status: 401 }],
    ['403', { kind: 'status', status: 403 }],
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: '7' }],
    ['500 with a message', { kind: 'status', status: 500, message: 'boom' }],
    ['400', { kind: 'status', status: 400, message: 'recipient: invalid' }],
    ['success:false', { kind: 'success-false', message: 'Insufficient credits' }],
    ['malformed body', { kind: 'malformed' }],
    ['timeout before any byte', { kind: 'delay', ms: FAULT_STALL_MS }],
    ['timeout after headers', { kind: 'stall-after-headers', ms: FAULT_STALL_MS }],
    ['reset before the body', { kind: 'reset-before-body' }],
    ['reset after the body', { kind: 'reset-after-body' }],
  ];

  // One app per path for all of them: an outcome leaves nothing in the app that the next send could see.
  const services: SmsService[] = [];
  it.each(faults)('%s', async (_name, fault) => {
    if (services.length === 0) {
      for (const mode of MODES) services.push((await boot(mode, { timeoutMs: FAULT_TIMEOUT_MS }, 'all')).sms);
    }
    // The paths side by side (a timeout is waited for once, not once per path): each send takes one copy.
    if (fault) simulator.failNext(fault, MODES.length);
    const results = await Promise.all(services.map((sms) => outcome(sms.send(INPUT))));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0].ok).toBe(fault === undefined);
    if (fault) expect(results[0].typed).toBe(true);
  });

  it('an abort mid-flight and an already-aborted signal', async () => {
    const results: Array<Record<string, unknown>> = [];
    for (const mode of MODES) {
      const { sms } = await boot(mode, { timeoutMs: 5_000 });
      simulator.failNext({ kind: 'delay', ms: 1_000 });
      const before = simulator.requests.length;
      const controller = new AbortController();
      const sending = outcome(sms.send(INPUT, { signal: controller.signal }));
      // Mid-flight: once the request reached Zixflow (a fixed delay could abort before it left).
      await untilReceived(simulator, before + 1);
      controller.abort();
      results.push(await sending);
      results.push(await outcome(sms.send(INPUT, { signal: AbortSignal.abort() })));
    }
    expect(results.slice(2, 4)).toEqual(results.slice(0, 2));
    expect(results.slice(4, 6)).toEqual(results.slice(0, 2));
    expect(results[0]).toMatchObject({ ok: false, code: 'ABORTED', outcome: 'unknown' });
    expect(results[1]).toMatchObject({ ok: false, code: 'ABORTED', outcome: 'not_sent' });
  });

  it('connection refused is not_sent on both paths', async () => {
    const results: Array<Record<string, unknown>> = [];
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    for (const mode of MODES) {
      const { sms } = await boot(mode, { baseUrl });
      results.push(await outcome(sms.send(INPUT)));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0]).toMatchObject({ ok: false, outcome: 'not_sent' });
  });

  it('an interceptor on ZIXFLOW_HTTP_SERVICE sees every send; once ejected, sends skip axios again', async () => {
    const { sms, http } = await boot('fast');
    // The first fast send asks axios once (through a probe adapter) for the URL and headers it would use.
    await sms.send(INPUT);
    const request = jest.spyOn(http.axiosRef, 'request');
    await sms.send(INPUT);
    expect(request).not.toHaveBeenCalled();

    const seen: string[] = [];
    const id = http.axiosRef.interceptors.request.use((config) => {
      seen.push(String(config.url));
      config.headers.set('x-intercepted', 'yes');
      return config;
    });
    await sms.send(INPUT);
    expect(seen).toEqual(['/api/ingest/sms/v1/message/send']);
    expect(simulator.requests.at(-1)?.headers['x-intercepted']).toBe('yes');

    http.axiosRef.interceptors.request.eject(id);
    const responseId = http.axiosRef.interceptors.response.use((response) => response);
    await sms.send(INPUT);
    expect(seen).toHaveLength(1);
    expect(request).toHaveBeenCalledTimes(2);

    http.axiosRef.interceptors.response.eject(responseId);
    await sms.send(INPUT);
    expect(request).toHaveBeenCalledTimes(2);
    expect(simulator.requests).toHaveLength(5);
  });

  it('fastPaths.directDispatch: false sends every request through axiosRef.request', async () => {
    const { sms, http } = await boot('off');
    const request = jest.spyOn(http.axiosRef, 'request');
    await sms.send(INPUT);
    await sms.send(INPUT);
    expect(request).toHaveBeenCalledTimes(2);
    expect(simulator.requests).toHaveLength(2);
  });

  it('the fast path follows later changes to the instance defaults (headers)', async () => {
    const { sms, http } = await boot('fast');
    await sms.send(INPUT);
    http.axiosRef.defaults.headers.common['x-added-later'] = 'v2';
    await sms.send(INPUT);
    expect(simulator.requests[0].headers['x-added-later']).toBeUndefined();
    expect(simulator.requests[1].headers['x-added-later']).toBe('v2');
  });
});
