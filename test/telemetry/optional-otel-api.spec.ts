import 'reflect-metadata';
import { runInNewContext } from 'node:vm';

/**
 * `@opentelemetry/api` is an optional peer: an app without it must load the root entry, send and receive
 * postbacks. Here requiring it fails as Jest's resolver fails for a package that is not installed: with an
 * error made in another realm (not an `instanceof Error` here), which a user's Jest suite meets. The packaging
 * tests check the same in scratch apps that never installed it, under Node and under Jest.
 */
const notInstalled = (): never => {
  throw Object.assign(
    runInNewContext(
      "new Error(\"Cannot find module '@opentelemetry/api' from 'lib/telemetry/otel-api.loader.ts'\")",
    ) as object,
    { code: 'MODULE_NOT_FOUND' },
  );
};

// The first test loads the whole library into a fresh module registry (cold, it is transpiled then): a minute
// rather than Jest's default 30 s, for a loaded CI machine.
jest.setTimeout(60_000);

describe('@opentelemetry/api stays optional', () => {
  beforeEach(() => {
    jest.resetModules();
  });

  afterEach(() => {
    jest.dontMock('@opentelemetry/api');
  });

  it('without it, an app boots, sends (with a retry) and fails a send exactly as before', async () => {
    jest.doMock('@opentelemetry/api', notInstalled);
    const { loadOtelApi } = await import('../../lib/telemetry/otel-api.loader');
    expect(loadOtelApi()).toBeUndefined();

    const { SmsService, ZixflowApiError, ZixflowModule } = await import('../../lib');
    const { ZixflowSimulator } = await import('../../lib/testing');
    const { createTestApp } = await import('../utils/zixflow-test-app');
    const simulator = await new ZixflowSimulator().start();
    const app = await createTestApp({
      imports: [
        ZixflowModule.forRoot({
          apiKey: simulator.apiKey,
          workspaceId: simulator.workspaceId,
          baseUrl: simulator.url,
          defaults: { senderId: 'ZIXFLW', route: 'transactional' },
          retry: { maxAttempts: 2 },
        }),
      ],
    });
    try {
      const sms = app.get(SmsService);
      simulator.failNext({ kind: 'status', status: 429, retryAfter: '0' });
      const result = await sms.send({ recipient: '919876543210', message: 'hello' });
      expect(simulator.message(result.requestId)).toBeDefined();
      simulator.failNext({ kind: 'status', status: 400 });
      await expect(sms.send({ recipient: '919876543210', message: 'hello' })).rejects.toBeInstanceOf(
        ZixflowApiError,
      );
      expect(simulator.requests).toHaveLength(3);
    } finally {
      await app.close();
      await simulator.stop();
    }
  });

  it('any other failure to load it is not mistaken for its absence', async () => {
    jest.doMock('@opentelemetry/api', () => {
      throw Object.assign(new Error("Cannot find module 'some-dependency-of-the-api'"), {
        code: 'MODULE_NOT_FOUND',
      });
    });
    const { loadOtelApi } = await import('../../lib/telemetry/otel-api.loader');
    expect(() => loadOtelApi()).toThrow('some-dependency-of-the-api');
  });

  it('installed, it is loaded', async () => {
    const { loadOtelApi } = await import('../../lib/telemetry/otel-api.loader');
    expect(loadOtelApi()).toHaveProperty('trace');
  });
});
