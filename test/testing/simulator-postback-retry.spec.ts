import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import type { SimulatorSendSmsBody } from '../../lib/testing';
import { SEND_SMS_PATH } from '../../lib/zixflow.constants';
import { parse } from './http-client';
import { API_KEY, PostbackReceiver, postJson, VALID_SEND, WORKSPACE } from './simulator-fixtures';

describe('ZixflowSimulator retries postbacks answered 5xx', () => {
  let receiver: PostbackReceiver;
  let simulator: ZixflowSimulator | undefined;

  const start = async (options: ConstructorParameters<typeof ZixflowSimulator>[0] = {}) => {
    simulator = await new ZixflowSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE, ...options }).start();
    return simulator;
  };
  const send = async (sim: ZixflowSimulator): Promise<string> => {
    const response = await postJson(`${sim.url}${SEND_SMS_PATH}`, {
      ...VALID_SEND,
      post_back_url: receiver.url,
    });
    expect(response.status).toBe(200);
    return parse<{ request_id: string }>(response).request_id;
  };

  beforeEach(async () => {
    receiver = await new PostbackReceiver().start();
  });
  afterEach(async () => {
    await simulator?.stop();
    simulator = undefined;
    await receiver.stop();
  });

  it('by default, retries after a 5xx until the app takes it, recording each attempt', async () => {
    const sim = await start();
    receiver.answers.push(503, 500);
    const requestId = await send(sim);
    await sim.flushPostbacks();

    expect(sim.postbacksFor(requestId).map((p) => [p.attempt, p.status])).toEqual([
      [1, 503],
      [2, 500],
      [3, 200],
    ]);
    // The same body each time, as a retrying sender sends it.
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);
    expect(receiver.received).toHaveLength(3);
  });

  it('gives up after its three default retries', async () => {
    const sim = await start();
    receiver.status = 500;
    const requestId = await send(sim);
    await sim.flushPostbacks();
    expect(sim.postbacksFor(requestId).map((p) => p.status)).toEqual([500, 500, 500, 500]);
  });

  it('does not retry a 4xx or a 2xx', async () => {
    const sim = await start({ postbacks: { statuses: ['sent', 'delivered'] } });
    receiver.answers.push(400);
    const requestId = await send(sim);
    await sim.flushPostbacks();
    expect(sim.postbacksFor(requestId).map((p) => [p.attempt, p.status])).toEqual([
      [1, 400],
      [1, 200],
    ]);
  });

  it('waits the configured delays between attempts (a lower bound: backoff)', async () => {
    const sim = await start({ postbackRetry: { delaysMs: [40, 80] } });
    receiver.status = 502;
    const requestId = await send(sim);
    await sim.flushPostbacks();
    expect(sim.postbacksFor(requestId)).toHaveLength(3);
    const [first, second, third] = receiver.received.map((r) => r.at);
    expect(second - first).toBeGreaterThanOrEqual(39);
    expect(third - second).toBeGreaterThanOrEqual(79);
  });

  it('postbackRetry: false (or no delays) sends each postback once', async () => {
    for (const postbackRetry of [false, { delaysMs: [] }] as const) {
      const sim = await start({ postbackRetry });
      receiver.status = 500;
      const requestId = await send(sim);
      await sim.flushPostbacks();
      expect(sim.postbacksFor(requestId).map((p) => p.status)).toEqual([500]);
      await sim.stop();
    }
  });

  it('stop() ends a pending retry', async () => {
    const sim = await start({ postbackRetry: { delaysMs: [60_000] } });
    receiver.status = 500;
    const requestId = await send(sim);
    await expect(sim.flushPostbacks(300)).rejects.toThrow('still pending');
    await sim.stop();
    expect(sim.postbacksFor(requestId)).toHaveLength(1);
  });

  it('refuses invalid delays at construction', () => {
    expect(() => new ZixflowSimulator({ postbackRetry: { delaysMs: [10, -1] } })).toThrow(
      'postbackRetry.delaysMs[1] must be a non-negative integer, got -1',
    );
    expect(() => new ZixflowSimulator({ postbackRetry: { delaysMs: 5 as never } })).toThrow(TypeError);
  });

  it('records accepted sends with their documented body type', async () => {
    const sim = await start({ postbackRetry: false });
    await send(sim);
    // Typed: no cast needed to read the documented fields.
    const body: SimulatorSendSmsBody | undefined =
      'message' in sim.sends[0].body ? sim.sends[0].body : undefined;
    expect(body?.sender_id).toBe(VALID_SEND.sender_id);
    expect(body?.post_back_url).toBe(receiver.url);
  });
});
