import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import { SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH } from '../../lib/zixflow.constants';
import { DOCS_FIELDS } from '../postback/postback-body.fixture';
import { parse } from './http-client';
import {
  API_KEY,
  PostbackReceiver,
  postJson,
  VALID_SEND,
  VALID_TEMPLATE,
  WORKSPACE,
} from './simulator-fixtures';

const RAW_MESSAGE_ID = /"message_id":(\d+),/;
const STATUS_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

interface PostbackJson {
  workspace_id: string;
  type: string;
  message_id: number;
  request_id: string;
  channel: string;
  recipient: string;
  status: string;
  remark: string;
  status_at: string;
  post_back_data: string;
}

function rawMessageId(raw: string): bigint {
  const match = RAW_MESSAGE_ID.exec(raw);
  if (!match) throw new Error(`no raw integer message_id in ${raw}`);
  return BigInt(match[1]);
}

describe('ZixflowSimulator postbacks', () => {
  let simulator: ZixflowSimulator;
  let receiver: PostbackReceiver;

  const send = async (
    patch: Record<string, unknown> = {},
    path = SEND_SMS_PATH,
    base: Record<string, unknown> = VALID_SEND,
  ): Promise<string> => {
    const response = await postJson(`${simulator.url}${path}`, {
      ...base,
      post_back_url: receiver.url,
      ...patch,
    });
    expect(response.status).toBe(200);
    return parse<{ request_id: string }>(response).request_id;
  };

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE }).start();
    receiver = await new PostbackReceiver().start();
  });
  afterAll(async () => {
    await simulator.stop();
    await receiver.stop();
  });
  beforeEach(() => {
    simulator.reset();
    receiver.received.length = 0;
    receiver.status = 200;
  });

  it('posts the documented body with message_id as a raw integer above 2^53', async () => {
    const requestId = await send({ post_back_data: 'order-42|ü"\\' });
    await simulator.flushPostbacks();

    expect(receiver.received).toHaveLength(1);
    const { raw, headers } = receiver.received[0];
    expect(headers['content-type']).toBe('application/json');
    const id = rawMessageId(raw);
    expect(id > MAX_SAFE).toBe(true);
    expect(id.toString()).toBe(simulator.message(requestId)?.messageId);

    const body = JSON.parse(raw) as PostbackJson;
    // Exactly why the raw literal matters: a JS number cannot hold it.
    expect(Number.isSafeInteger(body.message_id)).toBe(false);
    // The documented fields, in the documented order.
    expect(Object.keys(body)).toEqual(Object.keys(DOCS_FIELDS));
    expect(body).toMatchObject({
      workspace_id: WORKSPACE,
      type: 'delivery_status',
      request_id: requestId,
      channel: 'sms',
      recipient: VALID_SEND.recipient,
      status: 'delivered',
      remark: '',
      post_back_data: 'order-42|ü"\\',
    });
    expect(body.status_at).toMatch(STATUS_AT);
    expect(simulator.postbacks).toEqual([
      { url: receiver.url, body: raw, requestId, status: 200, attempt: 1 },
    ]);
    expect(simulator.postbackFor(requestId)?.body).toBe(raw);
  });

  it('sends post_back_data as an empty string when the send had none', async () => {
    await send();
    await simulator.flushPostbacks();
    expect((JSON.parse(receiver.received[0].raw) as PostbackJson).post_back_data).toBe('');
  });

  it('gives each message a distinct, increasing message id', async () => {
    const first = await send();
    const second = await send();
    await simulator.flushPostbacks();
    const a = BigInt(simulator.message(first)?.messageId ?? '0');
    const b = BigInt(simulator.message(second)?.messageId ?? '0');
    expect(b > a).toBe(true);
  });

  it('sends one postback per status, in order, with remarks', async () => {
    simulator.setPostbackScenario('*', {
      statuses: ['sent', { status: 'failed', remark: 'DND number' }],
      delayMs: 5,
    });
    const requestId = await send();
    await simulator.flushPostbacks();
    const bodies = receiver.received.map((p) => JSON.parse(p.raw) as PostbackJson);
    expect(bodies.map((b) => [b.status, b.remark])).toEqual([
      ['sent', ''],
      ['failed', 'DND number'],
    ]);
    expect(bodies[0].status_at < bodies[1].status_at).toBe(true);
    expect(simulator.message(requestId)).toMatchObject({ status: 'failed', remark: 'DND number' });
  });

  it('sends duplicates as identical bodies', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], duplicates: 2, delayMs: 0 });
    await send();
    await simulator.flushPostbacks();
    const raws = receiver.received.map((p) => p.raw);
    expect(raws).toHaveLength(6);
    expect(new Set(raws).size).toBe(2);
    expect(raws.slice(0, 3).every((raw) => raw === raws[0])).toBe(true);
    expect(raws.slice(3).every((raw) => raw === raws[3])).toBe(true);
  });

  it('reorders postbacks newest first, each keeping its own status_at', async () => {
    simulator.setPostbackScenario('*', {
      statuses: ['sent', 'delivered', 'read'],
      reorder: true,
      delayMs: 2,
    });
    const requestId = await send();
    await simulator.flushPostbacks();
    const bodies = receiver.received.map((p) => JSON.parse(p.raw) as PostbackJson);
    expect(bodies.map((b) => b.status)).toEqual(['read', 'delivered', 'sent']);
    expect([...bodies.map((b) => b.status_at)].sort().reverse()).toEqual(bodies.map((b) => b.status_at));
    expect(simulator.message(requestId)?.status).toBe('read');
  });

  it('uses the most specific scenario: recipient, then *, then the constructor default', async () => {
    const custom = await new ZixflowSimulator({
      apiKey: API_KEY,
      workspaceId: WORKSPACE,
      postbacks: { statuses: ['undelivered'], channel: 'rcs', delayMs: 0 },
    }).start();
    try {
      const sendTo = async (recipient: string): Promise<string> => {
        const response = await postJson(`${custom.url}${SEND_SMS_PATH}`, { ...VALID_SEND, recipient });
        return parse<{ request_id: string }>(response).request_id;
      };
      const byDefault = await sendTo('911111111111');
      custom.setPostbackScenario('912222222222', { statuses: ['failed'], delayMs: 0 });
      const specific = await sendTo('912222222222');
      custom.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 0 });
      const wildcard = await sendTo('913333333333');
      await custom.flushPostbacks();
      expect(custom.message(byDefault)).toMatchObject({ status: 'undelivered', channel: 'rcs' });
      expect(custom.message(specific)).toMatchObject({ status: 'failed', channel: 'sms' });
      expect(custom.message(wildcard)).toMatchObject({ status: 'delivered' });
    } finally {
      await custom.stop();
    }
  });

  it('sends postbacks for template sends too', async () => {
    await send({ post_back_data: 'tpl' }, SEND_SMS_TEMPLATE_PATH, VALID_TEMPLATE);
    await simulator.flushPostbacks();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].raw).toMatch(RAW_MESSAGE_ID);
  });

  it.each([
    'https://example.com/hook',
    'http://10.0.0.1/hook',
    'http://[2001:db8::1]/hook',
    'http://127.0.0.1.nip.io/hook',
  ])('refuses to post to a non-loopback URL (%s) and records it', async (url) => {
    const requestId = await send({ post_back_url: url });
    await simulator.flushPostbacks();
    expect(simulator.postbacksFor(requestId)).toEqual([
      expect.objectContaining({ url, refused: true, error: expect.stringContaining('refused') }),
    ]);
    expect(simulator.message(requestId)?.status).toBe('delivered');
    expect(receiver.received).toHaveLength(0);
  });

  it('posts to localhost, resolved to a loopback address', async () => {
    const port = new URL(receiver.url).port;
    await send({ post_back_url: `http://localhost:${port}/a` });
    await simulator.flushPostbacks();
    expect(simulator.postbacks[0]).toMatchObject({ status: 200 });
    expect(receiver.received).toHaveLength(1);
  });

  it('records a receiver error status and a refused connection without crashing', async () => {
    // 4xx: not retried (5xx are: simulator-postback-retry.spec.ts).
    receiver.status = 400;
    await send();
    const deadPort = await (async () => {
      const probe = await new PostbackReceiver().start();
      const url = probe.url;
      await probe.stop();
      return url;
    })();
    await send({ post_back_url: deadPort });
    await simulator.flushPostbacks();
    expect(simulator.postbacks.map((p) => [p.status, p.error === undefined])).toEqual([
      [400, true],
      [undefined, false],
    ]);
    expect((await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND)).status).toBe(200);
  });

  it('keeps the message queued and sends nothing with an empty scenario', async () => {
    simulator.setPostbackScenario('*', { statuses: [] });
    const requestId = await send();
    await simulator.flushPostbacks();
    expect(receiver.received).toHaveLength(0);
    expect(simulator.message(requestId)?.status).toBe('queued');
  });

  it('flushPostbacks() rejects when postbacks are still pending after its timeout', async () => {
    simulator.setPostbackScenario('*', { delayMs: 1000 });
    await send();
    await expect(simulator.flushPostbacks(50)).rejects.toThrow(/pending/);
    simulator.reset();
    await simulator.flushPostbacks(500);
    expect(receiver.received).toHaveLength(0);
  });

  it('rejects invalid scenarios', () => {
    expect(() => simulator.setPostbackScenario('*', { delayMs: -5 })).toThrow(RangeError);
    expect(() => simulator.setPostbackScenario('*', { duplicates: 1.5 })).toThrow(RangeError);
    expect(() => simulator.setPostbackScenario('*', { statuses: [''] })).toThrow(TypeError);
    expect(() => new ZixflowSimulator({ postbacks: { delayMs: Number.NaN } })).toThrow(RangeError);
  });

  describe('sendPostback()', () => {
    it('posts a hand-made string body verbatim', async () => {
      const raw = '{"message_id":604132581490819100,"status":"delivered","extra":true}';
      const record = await simulator.sendPostback(raw, receiver.url);
      expect(record).toEqual({ url: receiver.url, body: raw, status: 200, attempt: 1 });
      expect(receiver.received.map((p) => p.raw)).toEqual([raw]);
    });

    it('serializes objects, writing bigint values as raw integers', async () => {
      await simulator.sendPostback({ message_id: 604132581490819199n, status: 'delivered' }, receiver.url);
      expect(receiver.received[0].raw).toBe('{"message_id":604132581490819199,"status":"delivered"}');
      await simulator.flushPostbacks();
    });

    it('refuses non-loopback URLs without sending anything', async () => {
      const record = await simulator.sendPostback({}, 'http://192.168.1.10/hook');
      expect(record).toMatchObject({ refused: true });
      expect(simulator.postbacks).toEqual([record]);
    });

    it('never rejects, even for an invalid URL', async () => {
      await expect(simulator.sendPostback('{}', 'not a url')).resolves.toMatchObject({
        error: 'invalid URL',
      });
    });
  });
});
