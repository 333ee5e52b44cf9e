import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type INestApplication,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  SmsService,
  ZixflowShuttingDownError,
  type SmsSendResult,
  type ZixflowModuleOptions,
} from '../../lib';
// Read-only use: its public `isClosing` tells the test when the drain has begun.
import { ZixflowHttpClient } from '../../lib/transport/zixflow-http.client';
import { CaptureLogger } from '../utils/capture-logger';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { untilReceived } from '../utils/until-received';
import { until } from '../utils/until';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';
import { startHttpServer, type LoopbackServer } from '../transport/helpers/loopback-server';

const API_KEY = 'sk_shutdown_SECRET_never_shown_1234';
const WORKSPACE = 'ws_shutdown_private_5678';
const IN_FLIGHT_MS = 300;

type Settled = { value?: SmsSendResult; error?: unknown; at: number };

function track(promise: Promise<SmsSendResult>): Promise<Settled> {
  return promise.then(
    (value) => ({ value, at: performance.now() }),
    (error: unknown) => ({ error, at: performance.now() }),
  );
}

describe('Graceful shutdown (app.close) with sends in flight', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let logger: CaptureLogger;

  beforeEach(() => {
    logger = new CaptureLogger();
  });
  afterEach(() => {
    expectNoSecrets(logger.text, [API_KEY, WORKSPACE]);
  });

  function boot(extra: Partial<ZixflowModuleOptions> = {}, hooks = false): Promise<INestApplication> {
    return createZixflowTestApp(
      simulator,
      { timeoutMs: 5000, shutdownTimeoutMs: 3000, ...extra },
      { logger, shutdownHooks: hooks },
    );
  }

  async function untilClosing(app: INestApplication): Promise<void> {
    const client = app.get(ZixflowHttpClient);
    await until(() => client.isClosing, 1);
  }

  function send(app: INestApplication, i: number): Promise<SmsSendResult> {
    return app.get(SmsService).send({ recipient: '919876543210', message: `shutdown ${i}` });
  }

  it.each([
    ['without shutdown hooks', false],
    ['with app.enableShutdownHooks()', true],
  ])(
    '%s: close() waits for in-flight sends; sends after close began are refused and never reach Zixflow',
    async (_name, hooks) => {
      const app = await boot({}, hooks);
      simulator.failNext({ kind: 'delay', ms: IN_FLIGHT_MS }, 3);
      const inFlight = [0, 1, 2].map((i) => track(send(app, i)));
      await untilReceived(simulator, 3);

      const closeStarted = performance.now();
      const closing = app.close().then(() => performance.now());
      await untilClosing(app);
      const late = track(send(app, 99));
      const lateBulk = app.get(SmsService).sendMany([{ recipient: '919876543210', message: 'late bulk' }]);
      const closedAt = await closing;

      for (const settled of await Promise.all(inFlight)) {
        expect(settled.error).toBeUndefined();
        expect(simulator.message(settled.value?.requestId ?? '')).toBeDefined();
        // They settled before close() resolved.
        expect(settled.at).toBeLessThanOrEqual(closedAt);
      }
      expect(closedAt - closeStarted).toBeGreaterThanOrEqual(IN_FLIGHT_MS - 100);

      const refused = await late;
      expect(refused.error).toBeInstanceOf(ZixflowShuttingDownError);
      expect(refused.error).toMatchObject({ code: 'SHUTTING_DOWN', outcome: 'not_sent' });
      const [bulk] = await lateBulk;
      expect(bulk).toMatchObject({ index: 0, status: 'failed', error: { code: 'SHUTTING_DOWN' } });

      expect(simulator.requests).toHaveLength(3);
      expect(simulator.messages.map((m) => m.body.message).sort()).toEqual([
        'shutdown 0',
        'shutdown 1',
        'shutdown 2',
      ]);
    },
  );

  /** Sockets (client and server side) the process holds; the simulator's listener is a TCPServerWrap, not counted. */
  function openSockets(): number {
    return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
  }

  /** Waits until at most `target` sockets are open; with `giveUpMs`, only that long (a best effort, not a check). */
  async function untilSettled(target: number, giveUpMs = Infinity): Promise<void> {
    const giveUpAt = Date.now() + giveUpMs;
    while (openSockets() > target && Date.now() < giveUpAt) await sleep(10);
  }

  it('closes the connection pool: no socket is left open, and later sends are refused too', async () => {
    // Sockets of the previous tests' apps may still be closing: start from a settled count.
    await untilSettled(0, 1000);
    const before = openSockets();
    const app = await boot();
    await Promise.all([0, 1, 2, 3].map((i) => send(app, i)));
    expect(openSockets()).toBeGreaterThan(before); // keep-alive sockets are pooled
    await app.close();
    await untilSettled(before);
    expect(openSockets()).toBe(before);
    await expect(send(app, 4)).rejects.toBeInstanceOf(ZixflowShuttingDownError);
    expect(simulator.requests).toHaveLength(4);
  });

  it('a send still in flight at shutdownTimeoutMs is aborted: logged, reported as unknown, nothing else logged', async () => {
    const app = await boot({ shutdownTimeoutMs: 200 });
    simulator.failNext({ kind: 'delay', ms: 1500 });
    const inFlight = track(send(app, 0));
    await untilReceived(simulator, 1);
    await app.close();
    const settled = await inFlight;
    expect(logger.lines).toEqual([
      'log [NestApplication] Nest application successfully started',
      'warn [ZixflowHttpClient] 1 Zixflow request(s) still in flight after 200 ms; aborting them',
    ]);
    expect(settled.error).toMatchObject({ code: 'NETWORK', outcome: 'unknown' });
  });

  // The drain deadline and the answer are a minute away, longer than the test may run: only the send's own
  // timeout can end it, and close() resolves after it without aborting anything.
  it('a send whose own timeoutMs ends before shutdownTimeoutMs settles with TIMEOUT (unknown) and close() waits for it', async () => {
    const app = await boot({ shutdownTimeoutMs: 60_000, timeoutMs: 300 });
    simulator.failNext({ kind: 'delay', ms: 60_000 });
    const inFlight = track(send(app, 0));
    await untilReceived(simulator, 1);
    const closedAt = await app.close().then(() => performance.now());
    const settled = await inFlight;
    expect(settled.error).toMatchObject({ code: 'TIMEOUT', outcome: 'unknown' });
    expect(settled.at).toBeLessThanOrEqual(closedAt);
    expect(logger.text).not.toContain('aborting');
  });

  it('a retry waiting in backoff at the deadline ends at once with its last error, and is not retried', async () => {
    const app = await boot({ shutdownTimeoutMs: 200, retry: { maxAttempts: 3 } });
    simulator.failNext({ kind: 'status', status: 429, retryAfter: '60' });
    const inFlight = track(send(app, 0));
    await untilReceived(simulator, 1);
    const closedAt = await app.close().then(() => performance.now());
    // Settled by close(), not by a backoff longer than the test may run.
    const settled = await inFlight;
    expect(settled.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(settled.at).toBeLessThanOrEqual(closedAt);
    expect(simulator.requests).toHaveLength(1);
  });

  // After the drain deadline the pool is destroyed: the send rejects with outcome 'unknown' (it was written).
  // The answer is a minute away, longer than the test may run: close() returns at the drain deadline.
  it('app.close() returns at shutdownTimeoutMs even with a send in flight', async () => {
    const app = await boot({ shutdownTimeoutMs: 200, timeoutMs: 60_000 });
    simulator.failNext({ kind: 'delay', ms: 60_000 });
    const inFlight = track(send(app, 0));
    await untilReceived(simulator, 1);
    await app.close();
    expect((await inFlight).error).toMatchObject({ outcome: 'unknown' });
  });
});

const ADAPTERS = [['undici'], ['http']] as const;

/** An app's own shutdown work: onModuleDestroy / beforeApplicationShutdown that wait until released. */
class SlowHook {
  static entered: (() => void) | undefined;
  static release: Promise<void> = Promise.resolve();
  static async run(): Promise<void> {
    SlowHook.entered?.();
    await SlowHook.release;
  }
}

@Injectable()
class SlowCleanup implements OnModuleDestroy {
  onModuleDestroy(): Promise<void> {
    return SlowHook.run();
  }
}
/** Imported by OrdersModule, so Nest 12 destroys it after ZixflowModule (modules go from the root down). */
@Module({ providers: [SlowCleanup] })
class WorkerModule {}
@Module({ imports: [WorkerModule] })
class OrdersModule {}

@Injectable()
class SlowBeforeShutdown implements BeforeApplicationShutdown {
  beforeApplicationShutdown(): Promise<void> {
    return SlowHook.run();
  }
}

describe.each(ADAPTERS)('Shutdown on the %s transport', (adapter) => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });

  function send(app: INestApplication, text: string): Promise<SmsSendResult> {
    return app.get(SmsService).send({ recipient: '919876543210', message: text });
  }

  /** Closes `app` while an app hook is held; sends one SMS while it is held, then lets the hook finish. */
  async function sendDuringAppHook(app: INestApplication): Promise<Settled> {
    let release!: () => void;
    SlowHook.release = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (SlowHook.entered = resolve));
    const closing = app.close();
    await entered;
    const late = track(send(app, 'during app shutdown'));
    const settled = await late;
    release();
    await closing;
    return settled;
  }

  it.each([
    ['a slow onModuleDestroy in a module Nest destroys after ZixflowModule', { imports: [OrdersModule] }],
    ['a slow beforeApplicationShutdown in the root module', { providers: [SlowBeforeShutdown] }],
  ])(
    'sends are refused from the first shutdown hook on ZixflowModule, whatever the app still does: %s',
    async (_name, extra) => {
      const app = await createZixflowTestApp(simulator, { http: { adapter } }, extra);
      await send(app, 'before close');
      const settled = await sendDuringAppHook(app);
      expect(settled.error).toBeInstanceOf(ZixflowShuttingDownError);
      expect(settled.error).toMatchObject({ code: 'SHUTTING_DOWN', outcome: 'not_sent' });
      expect(simulator.messages.map((m) => m.body.message)).toEqual(['before close']);
    },
  );

  describe('against a slow server', () => {
    let server: LoopbackServer;
    let open = 0;
    let answered = 0;
    let received = 0;

    beforeAll(async () => {
      server = await startHttpServer((_req, res) => {
        received++;
        // Answers long after the shutdown deadline: a send can only settle early by being aborted.
        setTimeout(() => {
          if (res.destroyed) return;
          answered++;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ success: true, message: 'queued', request_id: 'late' }));
        }, 3000).unref();
      });
      server.server.on('connection', (socket) => {
        open++;
        socket.on('close', () => open--);
      });
    });
    afterAll(async () => {
      await server.close();
    });

    async function untilNoSocketOpen(): Promise<void> {
      const deadline = Date.now() + 2000;
      while (open > 0 && Date.now() < deadline) await sleep(10);
    }

    it('at shutdownTimeoutMs every send in flight is aborted: none succeeds after close() returned, no socket stays open', async () => {
      const app = await createZixflowTestApp(simulator, {
        baseUrl: server.url,
        timeoutMs: 20_000,
        shutdownTimeoutMs: 200,
        http: { adapter, connections: 100 },
      });
      const results: Settled[] = [];
      const sends = Array.from({ length: 100 }, (_, i) =>
        track(send(app, `slow ${i}`)).then((settled) => results.push(settled)),
      );
      // Every request written: each may have been queued, so each must say `unknown`.
      await until(() => received >= 100, 5);
      await app.close();
      // Settled by the time close() returned, each with an honest outcome.
      expect(results).toHaveLength(100);
      for (const settled of results) {
        expect(settled.value).toBeUndefined();
        expect(settled.error).toMatchObject({ code: 'NETWORK', outcome: 'unknown' });
      }
      await Promise.all(sends);
      await untilNoSocketOpen();
      expect(open).toBe(0);
      expect(answered).toBe(0);
    });
  });

  it('close() leaves no keep-alive socket open after sends that succeeded', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, message: 'queued', request_id: 'r-1' }));
    });
    let open = 0;
    server.server.on('connection', (socket) => {
      open++;
      socket.on('close', () => open--);
    });
    try {
      const app = await createZixflowTestApp(simulator, { baseUrl: server.url, http: { adapter } });
      await Promise.all([0, 1, 2, 3].map((i) => send(app, `pooled ${i}`)));
      expect(open).toBeGreaterThan(0);
      await app.close();
      const deadline = Date.now() + 2000;
      while (open > 0 && Date.now() < deadline) await sleep(10);
      expect(open).toBe(0);
    } finally {
      await server.close();
    }
  });
});
