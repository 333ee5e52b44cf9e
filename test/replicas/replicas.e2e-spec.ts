import { randomUUID } from 'node:crypto';
import { useTestSimulator } from '../utils/zixflow-test-app';
import { freePort } from '../utils/free-port';
import { REDIS_URL, requireRedis, startRedisServer, type RedisServer } from '../utils/redis';
import type { HandledPostback, ReplicaConfig } from './replica-config.interface';
import { removeReplicaBuild, startReplica, type ReplicaProcess } from './replica.process';

const SECRET = 'replica-secret-0123456789abcdef';
const RECIPIENT = '919876543210';
/** Starting the replicas compiles the library and boots two Nest processes: generous on a busy machine. */
const STARTUP_TIMEOUT_MS = 120_000;

interface SendAnswer {
  ok: boolean;
  requestId?: string;
  sendId?: string;
  outcome?: string;
  code?: string;
}

// After both describes' replicas stopped (a root afterAll runs after the nested ones).
afterAll(() => removeReplicaBuild());

/**
 * Two replicas of one app, each its own process, sharing one Redis, as behind a load balancer: every send of
 * replica A asks Zixflow (the simulator) to post its postbacks to replica B, so whatever A learns of them it
 * learns through the store.
 */
describe('two replicas in separate processes sharing one Redis', () => {
  const simulator = useTestSimulator();
  let a: ReplicaProcess;
  let b: ReplicaProcess;

  beforeAll(async () => {
    await requireRedis();
    const [portA, portB] = [await freePort(), await freePort()];
    const prefix = `zixflow-test:${randomUUID()}:`;
    const config = (port: number, postbackPort: number): ReplicaConfig => ({
      port,
      apiKey: simulator.apiKey,
      workspaceId: simulator.workspaceId,
      baseUrl: simulator.url,
      postbackPublicUrl: `http://127.0.0.1:${postbackPort}/webhooks/zixflow`,
      secret: SECRET,
      redisUrl: REDIS_URL,
      prefix,
    });
    [a, b] = await Promise.all([startReplica(config(portA, portB)), startReplica(config(portB, portA))]);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const handledBoth = async (requestId: string): Promise<HandledPostback[]> => {
    const lists = await Promise.all([a, b].map((r) => r.call<HandledPostback[]>('GET', 'handled')));
    return lists.flat().filter((p) => p.requestId === requestId);
  };

  it('the same postback delivered to both replicas runs the handler once in total', async () => {
    simulator.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 10 });
    const sent = await a.call<SendAnswer>('POST', 'send', { recipient: RECIPIENT, message: 'hello' });
    await simulator.flushPostbacks();
    const [delivered] = simulator.postbacksFor(sent.requestId as string);
    expect(delivered).toMatchObject({ status: 200 });
    // Zixflow redelivers it, this time through the load balancer to A.
    const query = new URL(delivered.url).search;
    const again = await simulator.sendPostback(delivered.body, `${a.postbackEndpoint}${query}`);
    expect(again.status).toBe(200);
    const handled = await handledBoth(sent.requestId as string);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ status: 'delivered', stale: false, sendId: sent.sendId });
  });

  it('a postback received by B resolves waitForStatus on A through the fan-out, not by polling', async () => {
    // The first status change comes well after A's wait has started and polled once (message still queued).
    simulator.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 1_000 });
    const sent = await a.call<SendAnswer>('POST', 'send', { recipient: RECIPIENT, message: 'otp 1234' });
    const waited = await a.call<{ status: string; source: string; resolvedAt: number }>('POST', 'wait', {
      requestId: sent.requestId,
      timeoutMs: 20_000,
      pollIntervalMs: 60_000,
    });
    expect(waited).toMatchObject({ status: 'delivered', source: 'postback' });
    const [received] = await handledBoth(sent.requestId as string);
    // B's handler ran; A never received a postback for this request, yet learned of it.
    expect(received).toMatchObject({ status: 'delivered' });
    expect((await a.call<HandledPostback[]>('GET', 'handled')).map((p) => p.requestId)).not.toContain(
      sent.requestId,
    );
    console.log(`fan-out: A resolved ${waited.resolvedAt - received.at} ms after B's handler ran`);
  });

  it('delivered, then a late sent: getStatus stays delivered on both replicas', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 20, reorder: true });
    const sent = await a.call<SendAnswer>('POST', 'send', { recipient: RECIPIENT, message: 'order shipped' });
    await simulator.flushPostbacks();
    const handled = await handledBoth(sent.requestId as string);
    expect(handled.map((p) => [p.status, p.stale])).toEqual([
      ['delivered', false],
      ['sent', true],
    ]);
    for (const replica of [a, b]) {
      await expect(replica.call('GET', `status/${sent.requestId}`)).resolves.toEqual({
        status: 'delivered',
        source: 'postback',
      });
    }
  });

  it('an unknown send is settled by its postback arriving at the other replica', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 200 });
    simulator.failNext({ kind: 'reset-after-body' });
    const sent = await a.call<SendAnswer>('POST', 'send', { recipient: RECIPIENT, message: 'receipt' });
    expect(sent).toMatchObject({ ok: false, outcome: 'unknown', code: 'NETWORK' });
    const queued = simulator.requests.find((r) => r.requestId !== undefined && r.response === undefined);
    const resolution = await a.call('POST', 'resolve', { sendId: sent.sendId, timeoutMs: 20_000 });
    expect(resolution).toEqual({ sendId: sent.sendId, state: 'queued', requestId: queued?.requestId });
    await simulator.flushPostbacks();
    // Published once in the whole deployment (by whichever replica came second: A recording the send, or B
    // receiving the postback).
    const events = await Promise.all([a, b].map((r) => r.call<unknown[]>('GET', 'resolved-events')));
    expect(events.flat()).toEqual([{ sendId: sent.sendId, requestId: queued?.requestId, status: 'sent' }]);
  });
});

/**
 * One replica on a Redis server of its own, killed mid-run: postbacks are answered 503 while it is down, so
 * Zixflow retries them, and processed exactly once after it is back, without restarting the app. The server
 * persists every write (AOF), as a production Redis must for de-duplication to outlive its restart.
 */
describe('a replica whose Redis goes down and comes back', () => {
  // The test plays Zixflow's retries itself, at the moments it chooses.
  const simulator = useTestSimulator({ postbackRetry: false });
  let redis: RedisServer;
  let replica: ReplicaProcess;

  beforeAll(async () => {
    redis = await startRedisServer({ persist: true });
    const port = await freePort();
    replica = await startReplica({
      port,
      apiKey: simulator.apiKey,
      workspaceId: simulator.workspaceId,
      baseUrl: simulator.url,
      postbackPublicUrl: `http://127.0.0.1:${port}/webhooks/zixflow`,
      secret: SECRET,
      redisUrl: redis.url,
      prefix: 'zixflow:',
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await replica?.stop();
    await redis?.stop();
  });

  it('answers 503 while Redis is down, then handles every postback once; sends keep working', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 10 });
    const first = await replica.call<SendAnswer>('POST', 'send', { recipient: RECIPIENT, message: 'one' });
    await simulator.flushPostbacks();
    const [sentPostback, deliveredPostback] = simulator.postbacksFor(first.requestId as string);
    expect([sentPostback.status, deliveredPostback.status]).toEqual([200, 200]);

    await redis.stop();
    // Zixflow's retries while Redis is down: refused with 503, nothing handled.
    const down = await simulator.sendPostback(deliveredPostback.body, deliveredPostback.url);
    expect(down.status).toBe(503);
    const late = await replica.call<SendAnswer>('POST', 'send', { recipient: RECIPIENT, message: 'two' });
    expect(late).toMatchObject({ ok: true });
    await simulator.flushPostbacks();
    const lateStatuses = simulator.postbacksFor(late.requestId as string).map((p) => p.status);
    expect(lateStatuses).toEqual([503, 503]);

    await redis.restart();
    // Zixflow retries the refused postbacks; the already-handled one is a duplicate.
    for (const postback of simulator.postbacksFor(late.requestId as string)) {
      await expect(
        waitUntilAnswered(() => simulator.sendPostback(postback.body, postback.url)),
      ).resolves.toBe(200);
    }
    expect((await simulator.sendPostback(deliveredPostback.body, deliveredPostback.url)).status).toBe(200);

    const handled = await replica.call<HandledPostback[]>('GET', 'handled');
    const count = (requestId: string | undefined) => handled.filter((p) => p.requestId === requestId).length;
    expect(count(first.requestId)).toBe(2);
    expect(count(late.requestId)).toBe(2);
  });
});

/** Retries like Zixflow does (here every 100 ms) until the endpoint answers something other than 503. */
async function waitUntilAnswered(send: () => Promise<{ status?: number }>): Promise<number | undefined> {
  for (;;) {
    const { status } = await send();
    if (status !== 503) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
