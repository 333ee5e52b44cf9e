import { Agent } from 'node:http';
import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import { SEND_SMS_PATH } from '../../lib/zixflow.constants';
import { until } from '../utils/until';
import { call } from './http-client';
import { AUTH, PostbackReceiver, postJson, VALID_SEND } from './simulator-fixtures';

/** Live sockets, servers and timers of this process by kind, as Node counts them. */
function networkAndTimerHandles(): Record<string, number> {
  const counts: Record<string, number> = { TCPServerWrap: 0, TCPSocketWrap: 0, Timeout: 0 };
  for (const resource of process.getActiveResourcesInfo()) {
    if (resource in counts) counts[resource]++;
  }
  return counts;
}

describe('ZixflowSimulator lifecycle', () => {
  it('throws from url and port before start() and after stop()', async () => {
    const simulator = new ZixflowSimulator();
    expect(() => simulator.url).toThrow(/not started/);
    await simulator.start();
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await simulator.stop();
    expect(() => simulator.port).toThrow(/not started/);
  });

  it('refuses to start twice and can start again after stop()', async () => {
    const simulator = await new ZixflowSimulator().start();
    await expect(simulator.start()).rejects.toThrow(/already started/);
    await simulator.stop();
    await simulator.start();
    expect((await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND, {})).status).toBe(401);
    await simulator.stop();
  });

  it('stop() is idempotent and safe before start()', async () => {
    const simulator = new ZixflowSimulator();
    await simulator.stop();
    await simulator.start();
    await Promise.all([simulator.stop(), simulator.stop()]);
    await simulator.stop();
  });

  it('listens on the requested host and port', async () => {
    const probe = await new ZixflowSimulator().start();
    const port = probe.port;
    await probe.stop();
    const simulator = await new ZixflowSimulator({ host: '127.0.0.1', port }).start();
    try {
      expect(simulator.url).toBe(`http://127.0.0.1:${port}`);
      await expect(new ZixflowSimulator({ port }).start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await simulator.stop();
    }
  });

  it('wraps IPv6 hosts in brackets', async () => {
    const simulator = new ZixflowSimulator({ host: '::1' });
    try {
      await simulator.start();
    } catch {
      return; // no IPv6 loopback in this environment
    }
    try {
      expect(simulator.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    } finally {
      await simulator.stop();
    }
  });

  it('rejects an invalid port', () => {
    expect(() => new ZixflowSimulator({ port: 70000 })).toThrow(RangeError);
    expect(() => new ZixflowSimulator({ port: -1 })).toThrow(RangeError);
  });

  it('stop() closes keep-alive connections, stalled responses and pending timers and postbacks', async () => {
    const baseline = networkAndTimerHandles();
    const receiver = await new PostbackReceiver().start();
    const simulator = await new ZixflowSimulator({ postbacks: { delayMs: 60_000 } }).start();
    const agent = new Agent({ keepAlive: true });

    // An idle keep-alive connection...
    const ok = await call(`${simulator.url}${SEND_SMS_PATH}`, {
      method: 'POST',
      headers: { ...AUTH },
      body: JSON.stringify({ ...VALID_SEND, post_back_url: receiver.url }),
      agent,
    });
    expect(ok.status).toBe(401);
    simulator.setPostbackScenario('*', { delayMs: 60_000 });
    // ...a message whose postback is a minute away...
    await postJson(
      `${simulator.url}${SEND_SMS_PATH}`,
      { ...VALID_SEND, post_back_url: receiver.url },
      {
        'x-api-key': 'test-api-key',
        'x-workspace-id': 'test-workspace',
      },
    );
    // ...a stalled response and a delayed one.
    simulator.failNext({ kind: 'stall-after-headers', ms: 60_000 }).failNext({ kind: 'delay', ms: 60_000 });
    const stalled = call(`${simulator.url}${SEND_SMS_PATH}`, { method: 'POST', body: '{}' }).catch(
      (e: unknown) => e,
    );
    const delayed = call(`${simulator.url}${SEND_SMS_PATH}`, { method: 'POST', body: '{}' }).catch(
      (e: unknown) => e,
    );
    // Both requests have arrived once their faults are taken.
    await until(() => simulator.pendingFaults.length === 0);

    const during = networkAndTimerHandles();
    expect(during.TCPSocketWrap).toBeGreaterThan(baseline.TCPSocketWrap);
    expect(during.Timeout).toBeGreaterThan(baseline.Timeout);

    // The stall, the delay and the postback are a minute away, longer than the test may run: stop() cancels them.
    await simulator.stop();
    expect(await stalled).toMatchObject({ message: expect.any(String) });
    expect(await delayed).toMatchObject({ message: expect.any(String) });
    await simulator.flushPostbacks(100);
    expect(simulator.postbacks).toEqual([]);

    agent.destroy();
    await receiver.stop();
    await new Promise((resolve) => setImmediate(resolve));
    const after = networkAndTimerHandles();
    for (const kind of Object.keys(baseline)) {
      expect({ kind, count: after[kind] }).toEqual({ kind, count: Math.min(after[kind], baseline[kind]) });
    }
  });
});
