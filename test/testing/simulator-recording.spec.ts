import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import type { RecordedRequest } from '../../lib/testing';
import { DELIVERY_REPORT_PATH, SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH } from '../../lib/zixflow.constants';
import { call, parse } from './http-client';
import { API_KEY, AUTH, postJson, VALID_SEND, VALID_TEMPLATE, WORKSPACE } from './simulator-fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ZixflowSimulator answers and recording', () => {
  let simulator: ZixflowSimulator;
  const seen: RecordedRequest[] = [];

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({
      apiKey: API_KEY,
      workspaceId: WORKSPACE,
      onRequest: (request) => seen.push(request),
    }).start();
  });
  afterAll(() => simulator.stop());
  beforeEach(() => {
    simulator.reset();
    seen.length = 0;
  });

  it('exposes its URL on loopback', () => {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.url.endsWith(`:${simulator.port}`)).toBe(true);
  });

  it.each([
    ['message', SEND_SMS_PATH, VALID_SEND],
    ['template', SEND_SMS_TEMPLATE_PATH, VALID_TEMPLATE],
  ])('accepts a %s send with the documented success shape', async (_name, path, body) => {
    const response = await postJson(`${simulator.url}${path}`, body);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const payload = parse<{ request_id: string }>(response);
    expect(payload).toEqual({
      success: true,
      message: 'SMS request queued successfully',
      request_id: expect.any(String),
    });
    expect(payload.request_id).toMatch(UUID);
  });

  it('gives every accepted send its own request id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      ids.add(
        parse<{ request_id: string }>(await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND))
          .request_id,
      );
    }
    expect(ids.size).toBe(5);
  });

  it('records every request with method, path, query, lowercased headers, raw and parsed body', async () => {
    const raw = JSON.stringify({ ...VALID_SEND, extra: 1 });
    const before = Date.now();
    const response = await postJson(`${simulator.url}${SEND_SMS_PATH}?trace=1&trace=2`, raw, {
      ...AUTH,
      'X-Custom': 'Yes',
    });
    const requestId = parse<{ request_id: string }>(response).request_id;

    expect(simulator.requests).toHaveLength(1);
    const [record] = simulator.requests;
    expect(record).toMatchObject({
      method: 'POST',
      path: SEND_SMS_PATH,
      query: { trace: '1' },
      rawBody: raw,
      body: { ...VALID_SEND, extra: 1 },
      response: { status: 200 },
      requestId,
    });
    expect(record.headers['x-custom']).toBe('Yes');
    expect(record.headers['x-api-key']).toBe(API_KEY);
    expect(record.headers['content-type']).toBe('application/json');
    expect(record.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(seen).toEqual([record]);
  });

  it('stores any query parameter name as plain data', async () => {
    await call(`${simulator.url}/x?__proto__=a&toString=b&constructor=c`);
    const [record] = simulator.requests;
    expect(Object.getPrototypeOf(record.query)).toBe(Object.prototype);
    expect(Object.entries(record.query)).toEqual([
      ['__proto__', 'a'],
      ['toString', 'b'],
      ['constructor', 'c'],
    ]);
  });

  it('records rejected requests and unparsable bodies too', async () => {
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, 'nope');
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND, {});
    expect(simulator.requests.map((r) => [r.rawBody, r.body, r.response?.status])).toEqual([
      ['nope', undefined, 400],
      [JSON.stringify(VALID_SEND), VALID_SEND, 401],
    ]);
    expect(simulator.sends).toHaveLength(0);
  });

  it('lists accepted sends and filters by path', async () => {
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND);
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, { ...VALID_SEND, route: 'bad' });
    await postJson(`${simulator.url}${SEND_SMS_TEMPLATE_PATH}`, VALID_TEMPLATE);
    const report = await call(
      `${simulator.url}${DELIVERY_REPORT_PATH}?request_id=${simulator.sends[0].requestId}`,
      {
        headers: AUTH,
      },
    );
    expect(report.status).toBe(200);

    expect(simulator.sends.map((r) => r.path)).toEqual([SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH]);
    expect(simulator.requestsTo(SEND_SMS_PATH)).toHaveLength(2);
    expect(simulator.requestsTo(`${DELIVERY_REPORT_PATH}?request_id=x`)).toHaveLength(1);
    expect(simulator.messages.map((m) => m.endpoint)).toEqual(['message', 'template']);
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    const unknown = await call(`${simulator.url}/api/ingest/sms/v2/message/send`, {
      method: 'POST',
      headers: AUTH,
    });
    expect(unknown.status).toBe(404);
    expect(parse(unknown)).toMatchObject({ success: false, message: expect.any(String) });

    const wrongMethod = await call(`${simulator.url}${SEND_SMS_PATH}`, { headers: AUTH });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    expect(parse(wrongMethod)).toMatchObject({ success: false });

    const postReport = await call(`${simulator.url}${DELIVERY_REPORT_PATH}`, {
      method: 'POST',
      headers: AUTH,
    });
    expect(postReport.status).toBe(405);
    expect(postReport.headers.allow).toBe('GET');
    expect(simulator.requests.map((r) => r.response?.status)).toEqual([404, 405, 405]);
  });

  it('returns copies, so callers cannot corrupt the records', async () => {
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND);
    simulator.requests.pop();
    expect(simulator.requests).toHaveLength(1);
  });

  it('reset() forgets requests, messages, faults and scenarios but keeps serving on the same port', async () => {
    const port = simulator.port;
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND);
    simulator.failNext({ kind: 'status', status: 500 });
    simulator.setPostbackScenario('*', { statuses: [] });
    // A minute, longer than the test may run: the send below answers only if reset() cleared it.
    simulator.setDefaultLatency(60_000);
    simulator.reset();

    expect(simulator.requests).toEqual([]);
    expect(simulator.messages).toEqual([]);
    expect(simulator.pendingFaults).toEqual([]);
    expect(simulator.port).toBe(port);
    const response = await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND);
    expect(response.status).toBe(200);
    await simulator.flushPostbacks();
    expect(simulator.messages[0].status).toBe('delivered');
  });

  it('applies the default latency to every answer', async () => {
    simulator.setDefaultLatency(80);
    const started = Date.now();
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(() => simulator.setDefaultLatency(-1)).toThrow(RangeError);
  });

  it('records when each answer was written, after the latency, and none for a dropped exchange', async () => {
    simulator.setDefaultLatency(80);
    simulator.failNext({ kind: 'status', status: 429, retryAfter: '2' });
    const before = Date.now();
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND);
    const after = Date.now();
    simulator.failNext({ kind: 'reset-after-body' });
    await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND).catch(() => undefined);

    const [answered, dropped] = simulator.requests;
    expect(answered.response?.status).toBe(429);
    const answeredAt = answered.response?.answeredAt.getTime() ?? NaN;
    expect(answeredAt - answered.receivedAt.getTime()).toBeGreaterThanOrEqual(75);
    expect(answeredAt).toBeGreaterThanOrEqual(before);
    expect(answeredAt).toBeLessThanOrEqual(after);
    expect(dropped.response).toBeUndefined();
  });
});
