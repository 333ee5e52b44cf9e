import { request } from 'node:http';
import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import type { SimulatorFault } from '../../lib/testing';
import { DELIVERY_REPORT_PATH, SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH } from '../../lib/zixflow.constants';
import { until } from '../utils/until';
import { call, parse } from './http-client';
import {
  API_KEY,
  AUTH,
  PostbackReceiver,
  postJson,
  VALID_SEND,
  VALID_TEMPLATE,
  WORKSPACE,
} from './simulator-fixtures';

const SOCKET_ERROR_CODES = ['ECONNRESET', 'EPIPE', 'ECONNABORTED'];

// Errors from Node internals come from another realm than jest's, so check their shape, not instanceof.
function expectSocketError(error: unknown): void {
  expect(error).toMatchObject({ message: expect.any(String) });
  expect(SOCKET_ERROR_CODES).toContain((error as NodeJS.ErrnoException).code);
}

describe('ZixflowSimulator fault injection', () => {
  let simulator: ZixflowSimulator;
  const sendUrl = (): string => `${simulator.url}${SEND_SMS_PATH}`;

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE }).start();
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  describe('status', () => {
    it('answers 429 with Retry-After and queues nothing', async () => {
      simulator.failNext({ kind: 'status', status: 429, retryAfter: '2', message: 'Too many requests' });
      const response = await postJson(sendUrl(), VALID_SEND);
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('2');
      expect(parse(response)).toEqual({ success: false, message: 'Too many requests' });
      expect(simulator.sends).toHaveLength(0);
      expect(simulator.requests[0]).toMatchObject({ response: { status: 429 }, body: VALID_SEND });
    });

    it.each([500, 502, 503])('answers %i with a default message and no Retry-After', async (status) => {
      simulator.failNext({ kind: 'status', status });
      const response = await postJson(sendUrl(), VALID_SEND);
      expect(response.status).toBe(status);
      expect(response.headers['retry-after']).toBeUndefined();
      expect(parse(response)).toEqual({ success: false, message: expect.any(String) });
    });

    it('applies before authentication, like a gateway would', async () => {
      simulator.failNext({ kind: 'status', status: 503 });
      expect((await postJson(sendUrl(), VALID_SEND, {})).status).toBe(503);
    });
  });

  it('consumes faults in order, `times` at a time, then answers normally', async () => {
    simulator.failNext({ kind: 'status', status: 500 }, 2).failNext({ kind: 'success-false' });
    expect(simulator.pendingFaults).toHaveLength(3);
    const statuses: Array<[number, boolean]> = [];
    for (let i = 0; i < 4; i++) {
      const response = await postJson(sendUrl(), VALID_SEND);
      statuses.push([response.status, parse<{ success: boolean }>(response).success]);
    }
    expect(statuses).toEqual([
      [500, false],
      [500, false],
      [200, false],
      [200, true],
    ]);
    expect(simulator.pendingFaults).toEqual([]);
  });

  it('applies to the template and delivery-report endpoints, not to unknown routes or wrong methods', async () => {
    simulator.failNext({ kind: 'status', status: 502 }, 2);
    expect((await call(`${simulator.url}/elsewhere`, { headers: AUTH })).status).toBe(404);
    expect((await call(sendUrl(), { headers: AUTH })).status).toBe(405);
    expect((await postJson(`${simulator.url}${SEND_SMS_TEMPLATE_PATH}`, VALID_TEMPLATE)).status).toBe(502);
    expect(
      (await call(`${simulator.url}${DELIVERY_REPORT_PATH}?request_id=x`, { headers: AUTH })).status,
    ).toBe(502);
    expect(
      (await call(`${simulator.url}${DELIVERY_REPORT_PATH}?request_id=x`, { headers: AUTH })).status,
    ).toBe(404);
  });

  describe('delay', () => {
    it('answers normally after the delay', async () => {
      simulator.failNext({ kind: 'delay', ms: 150 });
      const started = Date.now();
      const response = await postJson(sendUrl(), VALID_SEND);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(response.status).toBe(200);
    });

    it('lets a client time out before any response byte, and still processes the request', async () => {
      simulator.failNext({ kind: 'delay', ms: 300 });
      const error = await call(sendUrl(), {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify(VALID_SEND),
        timeoutMs: 50,
      }).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).toBe('CLIENT_TIMEOUT');
      // The simulator ends the exchange after its delay, answering a client that is gone.
      await until(() => simulator.requests[0]?.response !== undefined);
      // Like a slow real server: the client gave up, the SMS may have gone out anyway.
      expect(simulator.sends).toHaveLength(1);
    });
  });

  describe('stall-after-headers', () => {
    it('sends status and headers, stalls mid-body, then completes the body', async () => {
      simulator.failNext({ kind: 'stall-after-headers', ms: 200 });
      const started = Date.now();
      const response = await postJson(sendUrl(), VALID_SEND);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(response.status).toBe(200);
      expect(parse(response)).toMatchObject({ success: true, request_id: expect.any(String) });
    });

    it('makes a client time out after the response started', async () => {
      // A stall longer than the test may run; the client's idle timeout starts with the response, so a busy
      // machine cannot make it fire before the headers came.
      simulator.failNext({ kind: 'stall-after-headers', ms: 60_000 });
      const outcome = await new Promise<{ status?: number; partial: string; error?: Error }>((resolve) => {
        let partial = '';
        let status: number | undefined;
        const req = request(sendUrl(), { method: 'POST', headers: AUTH, agent: false });
        req.on('timeout', () => req.destroy(new Error('client timeout')));
        req.on('error', (error) => resolve({ status, partial, error }));
        req.on('response', (res) => {
          req.setTimeout(100);
          status = res.statusCode;
          res.on('data', (chunk: Buffer) => (partial += chunk.toString()));
          res.on('error', (error) => resolve({ status, partial, error }));
          res.on('end', () => resolve({ status, partial }));
        });
        req.end(JSON.stringify(VALID_SEND));
      });
      expect(outcome.status).toBe(200);
      expect(outcome.error).toMatchObject({ message: expect.any(String) });
      expect(outcome.partial.length).toBeGreaterThan(0);
      expect(() => JSON.parse(outcome.partial)).toThrow();
    });
  });

  describe('reset-before-body', () => {
    it('drops the connection without reading the body and queues nothing', async () => {
      simulator.failNext({ kind: 'reset-before-body' });
      const error = await postJson(sendUrl(), VALID_SEND).catch((e: unknown) => e);
      expectSocketError(error);
      expect(simulator.requests).toHaveLength(1);
      expect(simulator.requests[0]).toMatchObject({ rawBody: '', body: undefined, response: undefined });
      expect(simulator.requests[0].requestId).toBeUndefined();
      expect(simulator.sends).toHaveLength(0);
      expect(simulator.messages).toHaveLength(0);
      expect((await postJson(sendUrl(), VALID_SEND)).status).toBe(200);
    });

    it('surfaces as a network error to fetch', async () => {
      simulator.failNext({ kind: 'reset-before-body' });
      await expect(
        fetch(sendUrl(), {
          method: 'POST',
          headers: { ...AUTH, connection: 'close' },
          body: JSON.stringify(VALID_SEND),
        }),
      ).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    });
  });

  describe('reset-after-body', () => {
    let receiver: PostbackReceiver;
    beforeAll(async () => {
      receiver = await new PostbackReceiver().start();
    });
    afterAll(() => receiver.stop());

    it('queues the message, then drops the connection without answering', async () => {
      simulator.failNext({ kind: 'reset-after-body' });
      const body = { ...VALID_SEND, post_back_url: receiver.url, post_back_data: 'order-7' };
      const error = await postJson(sendUrl(), body).catch((e: unknown) => e);
      expectSocketError(error);

      const [record] = simulator.requests;
      expect(record).toMatchObject({ body, response: undefined, requestId: expect.any(String) });
      expect(simulator.sends).toEqual([record]);
      const message = simulator.message(record.requestId ?? '');
      expect(message).toMatchObject({ recipient: VALID_SEND.recipient, postBackData: 'order-7' });

      await simulator.flushPostbacks();
      expect(simulator.postbacksFor(record.requestId ?? '')).toHaveLength(1);
      expect(receiver.received.some((p) => p.raw.includes(record.requestId ?? '-'))).toBe(true);
      const report = await call(`${simulator.url}${DELIVERY_REPORT_PATH}?request_id=${record.requestId}`, {
        headers: AUTH,
      });
      expect(parse<{ data: { status: string } }>(report).data.status).toBe('delivered');
    });

    it('queues nothing when the dropped request was invalid', async () => {
      simulator.failNext({ kind: 'reset-after-body' });
      expectSocketError(await postJson(sendUrl(), { ...VALID_SEND, route: 'nope' }).catch((e: unknown) => e));
      expect(simulator.requests[0].rawBody).not.toBe('');
      expect(simulator.sends).toHaveLength(0);
    });
  });

  it('malformed: answers 200 with a body that is not JSON and queues nothing', async () => {
    simulator.failNext({ kind: 'malformed' });
    const response = await postJson(sendUrl(), VALID_SEND);
    expect(response.status).toBe(200);
    expect(() => JSON.parse(response.text)).toThrow(SyntaxError);
    expect(simulator.sends).toHaveLength(0);
  });

  it.each([
    [undefined, 'Request could not be processed'],
    ['Insufficient credits', 'Insufficient credits'],
  ])('success-false (message %p): answers 200 with success false', async (message, expected) => {
    simulator.failNext({ kind: 'success-false', message });
    const response = await postJson(sendUrl(), VALID_SEND);
    expect(response.status).toBe(200);
    expect(parse(response)).toEqual({ success: false, message: expected });
    expect(simulator.sends).toHaveLength(0);
  });

  it.each<[string, SimulatorFault, number]>([
    ['unknown kind', { kind: 'explode' } as unknown as SimulatorFault, 1],
    ['status below 100', { kind: 'status', status: 42 }, 1],
    ['negative delay', { kind: 'delay', ms: -1 }, 1],
    ['zero times', { kind: 'malformed' }, 0],
    ['fractional times', { kind: 'malformed' }, 1.5],
  ])('rejects an invalid fault: %s', (_name, fault, times) => {
    expect(() => simulator.failNext(fault, times)).toThrow();
    expect(simulator.pendingFaults).toEqual([]);
  });
});
