import 'reflect-metadata';
import { Inject, Injectable, Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import {
  SmsQueuedEvent,
  SmsSendFailedEvent,
  SmsService,
  ZixflowApiError,
  ZixflowAuthError,
  ZixflowConfigError,
  ZixflowEvent,
  ZixflowModule,
  ZixflowRateLimitError,
  ZixflowValidationError,
  type ZixflowModuleOptions,
  type ZixflowOptionsFactory,
} from '../../lib';
import { zixflowConfig } from '../../lib/config';
import type { ZixflowSimulator } from '../../lib/testing';
import { useAppPerTest } from '../utils/app-per-test';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { createTestApp, simulatorOptions, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_e2e_SECRET_never_shown_1234';
const WORKSPACE = 'ws_e2e_private_5678';

@Injectable()
class SmsEventsListener {
  readonly queued: SmsQueuedEvent[] = [];
  readonly failed: SmsSendFailedEvent[] = [];

  @OnEvent(ZixflowEvent.SmsQueued)
  onQueued(event: SmsQueuedEvent) {
    this.queued.push(event);
  }

  @OnEvent(ZixflowEvent.SmsSendFailed)
  onFailed(event: SmsSendFailedEvent) {
    this.failed.push(event);
  }
}

describe('SmsService.send end to end (simulator)', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  // Nothing the module logged may contain the credentials.
  const current = useAppPerTest((logger) => expectNoSecrets(logger.text, [API_KEY, WORKSPACE]));

  function baseOptions(extra: Partial<ZixflowModuleOptions> = {}): ZixflowModuleOptions {
    return simulatorOptions(simulator, { retry: { maxAttempts: 1 }, ...extra });
  }

  async function boot(
    imports: unknown[],
    providers: unknown[] = [SmsEventsListener],
  ): Promise<INestApplication> {
    current.app = await createTestApp(
      { imports: imports as never[], providers: providers as never[] },
      { logger: current.logger },
    );
    return current.app;
  }

  function expectExactWire(expectedBody: Record<string, unknown>) {
    expect(simulator.requests).toHaveLength(1);
    const request = simulator.requests[0];
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/ingest/sms/v1/message/send');
    expect(request.headers['x-api-key']).toBe(API_KEY);
    expect(request.headers['x-workspace-id']).toBe(WORKSPACE);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request.rawBody)).toEqual(expectedBody);
  }

  it('forRoot: sends the exact documented wire request and publishes zixflow.sms.send.queued', async () => {
    const nest = await boot([EventEmitterModule.forRoot(), ZixflowModule.forRoot(baseOptions())]);
    const result = await nest.get(SmsService).send({
      recipient: '919876543210',
      message: 'Your order shipped',
      isFlash: false,
      postBackData: 'order-42',
    });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.message).toBe('SMS request queued successfully');
    expectExactWire({
      recipient: '919876543210',
      message: 'Your order shipped',
      sender_id: 'ZIXFLW',
      route: 'transactional',
      is_flash: false,
      post_back_data: 'order-42',
    });
    const listener = nest.get(SmsEventsListener);
    expect(listener.queued).toHaveLength(1);
    expect(listener.queued[0]).toBeInstanceOf(SmsQueuedEvent);
    expect(listener.queued[0]).toMatchObject({
      requestId: result.requestId,
      recipient: '9198******10',
      senderId: 'ZIXFLW',
      route: 'transactional',
      postBackData: 'order-42',
    });
  });

  it('forRootAsync with useFactory and inject', async () => {
    @Module({ providers: [{ provide: 'SIM_URL', useValue: simulator.url }], exports: ['SIM_URL'] })
    class UrlModule {}
    const nest = await boot(
      [
        ZixflowModule.forRootAsync({
          imports: [UrlModule],
          inject: ['SIM_URL'],
          useFactory: async (url: string) => ({ ...baseOptions(), baseUrl: url }),
        }),
      ],
      [],
    );
    await nest
      .get(SmsService)
      .send({ recipient: '14155550123', message: 'hi', route: 'otp', senderId: 'ACME' });
    expectExactWire({ recipient: '14155550123', message: 'hi', sender_id: 'ACME', route: 'otp' });
  });

  it('forRootAsync with useClass and useExisting', async () => {
    const options = baseOptions();
    @Injectable()
    class OptionsFactory implements ZixflowOptionsFactory {
      createZixflowOptions() {
        return options;
      }
    }
    let nest = await boot([ZixflowModule.forRootAsync({ useClass: OptionsFactory })], []);
    await nest.get(SmsService).send({ recipient: '919876543210', message: 'a' });
    await nest.close();

    @Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
    class FactoryModule {}
    nest = await boot(
      [ZixflowModule.forRootAsync({ imports: [FactoryModule], useExisting: OptionsFactory })],
      [],
    );
    await nest.get(SmsService).send({ recipient: '919876543210', message: 'b' });
    expect(simulator.requests.map((r) => (r.body as { message: string }).message)).toEqual(['a', 'b']);
  });

  it('forRootAsync with useClass and extraProviders for what the factory injects', async () => {
    const options = baseOptions();
    @Injectable()
    class OptionsFactory implements ZixflowOptionsFactory {
      constructor(@Inject('SIM_OPTIONS') private readonly simOptions: ZixflowModuleOptions) {}
      createZixflowOptions() {
        return this.simOptions;
      }
    }
    const nest = await boot(
      [
        ZixflowModule.forRootAsync({
          useClass: OptionsFactory,
          extraProviders: [{ provide: 'SIM_OPTIONS', useValue: options }],
        }),
      ],
      [],
    );
    await nest.get(SmsService).send({ recipient: '919876543210', message: 'extra' });
    expect(simulator.requests).toHaveLength(1);
  });

  it('isGlobal at the top level makes SmsService injectable in modules that do not import ZixflowModule', async () => {
    @Injectable()
    class Notifier {
      constructor(readonly sms: SmsService) {}
    }
    @Module({ providers: [Notifier] })
    class FeatureModule {}
    const nest = await boot(
      [FeatureModule, ZixflowModule.forRootAsync({ isGlobal: true, useFactory: () => baseOptions() })],
      [],
    );
    await nest.get(Notifier).sms.send({ recipient: '919876543210', message: 'global' });
    expect(simulator.requests).toHaveLength(1);
  });

  it('zixflowConfig reads ZIXFLOW_* environment variables through @nestjs/config', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      ZIXFLOW_API_KEY: API_KEY,
      ZIXFLOW_WORKSPACE_ID: WORKSPACE,
      ZIXFLOW_BASE_URL: simulator.url,
      ZIXFLOW_SENDER_ID: 'ENVSND',
      ZIXFLOW_ROUTE: 'promotional',
      ZIXFLOW_DLT_ENTITY_ID: '1101000000000000001',
      ZIXFLOW_TIMEOUT_MS: '4000',
    });
    try {
      const nest = await boot(
        [
          ZixflowModule.forRootAsync({
            imports: [ConfigModule.forFeature(zixflowConfig)],
            inject: [zixflowConfig.KEY],
            useFactory: (config: ZixflowModuleOptions) => config,
          }),
        ],
        [],
      );
      await nest.get(SmsService).send({ recipient: '919876543210', message: 'from env' });
    } finally {
      process.env = saved;
    }
    expectExactWire({
      recipient: '919876543210',
      message: 'from env',
      sender_id: 'ENVSND',
      route: 'promotional',
      dlt_entity_id: '1101000000000000001',
    });
  });

  it('works without EventEmitterModule', async () => {
    const nest = await boot([ZixflowModule.forRoot(baseOptions())], []);
    await expect(
      nest.get(SmsService).send({ recipient: '919876543210', message: 'quiet' }),
    ).resolves.toHaveProperty('requestId');
  });

  it('fails at boot naming the missing option, without printing the key', async () => {
    // By hand, not createTestApp: the test is about compile() itself rejecting, before any app exists.
    const attempt = Test.createTestingModule({
      imports: [ZixflowModule.forRoot({ apiKey: API_KEY, workspaceId: '' })],
    }).compile();
    await expect(attempt).rejects.toThrow(ZixflowConfigError);
    await expect(attempt).rejects.toThrow(/workspaceId is required/);
    await attempt.catch((error: Error) => expect(error.message).not.toContain(API_KEY));
  });

  it('rejects bad input with every failing field and sends nothing', async () => {
    const nest = await boot([
      EventEmitterModule.forRoot(),
      ZixflowModule.forRoot(baseOptions({ defaults: {} })),
    ]);
    const error = await nest
      .get(SmsService)
      .send({ recipient: '+91 98765', message: '', postBackUrl: 'javascript:alert(1)' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZixflowValidationError);
    expect((error as ZixflowValidationError).errors.map((e) => e.field).sort()).toEqual([
      'message',
      'postBackUrl',
      'recipient',
      'route',
      'senderId',
    ]);
    expect(simulator.requests).toHaveLength(0);
    expect(nest.get(SmsEventsListener).failed).toHaveLength(0);
  });

  it('a per-request retry override holds on every send, a frozen one and a mutated one alike', async () => {
    const nest = await boot([
      ZixflowModule.forRoot(baseOptions({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } })),
    ]);
    const sms = nest.get(SmsService);
    const input = { recipient: '919876543210', message: 'x' };
    // 429 without Retry-After: provably not sent, retried while attempts remain.
    const attemptsOf = async (retry: { maxAttempts: number }): Promise<number> => {
      simulator.reset();
      simulator.failNext({ kind: 'status', status: 429 }, 5);
      await expect(sms.send(input, { retry })).rejects.toBeInstanceOf(ZixflowRateLimitError);
      return simulator.requests.length;
    };
    const frozen = Object.freeze({ maxAttempts: 2 });
    expect(await attemptsOf(frozen)).toBe(2);
    expect(await attemptsOf(frozen)).toBe(2);
    const mutable = { maxAttempts: 1 };
    expect(await attemptsOf(mutable)).toBe(1);
    mutable.maxAttempts = 3;
    expect(await attemptsOf(mutable)).toBe(3);
    expect(await attemptsOf(Object.freeze({ maxAttempts: 1 }))).toBe(1);
  });

  it("a per-request retry field left undefined keeps the module's value, not the default", async () => {
    const nest = await boot([
      ZixflowModule.forRoot(baseOptions({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } })),
    ]);
    simulator.failNext({ kind: 'status', status: 429 }, 5);
    const retry = { maxAttempts: undefined, maxDelayMs: 2 };
    await expect(
      nest.get(SmsService).send({ recipient: '919876543210', message: 'x' }, { retry }),
    ).rejects.toBeInstanceOf(ZixflowRateLimitError);
    // The module's 2, not the default 3.
    expect(simulator.requests).toHaveLength(2);
  });

  describe('API failures become typed errors without leaking credentials', () => {
    const cases: Array<
      [
        string,
        Parameters<ZixflowSimulator['failNext']>[0],
        new (...a: never[]) => Error,
        Record<string, unknown>,
      ]
    > = [
      ['401', { kind: 'status', status: 401 }, ZixflowAuthError, { code: 'AUTH', status: 401 }],
      ['403', { kind: 'status', status: 403 }, ZixflowAuthError, { code: 'AUTH', status: 403 }],
      [
        '429 with Retry-After',
        { kind: 'status', status: 429, retryAfter: '7' },
        ZixflowRateLimitError,
        { code: 'RATE_LIMITED', retryAfterMs: 7000 },
      ],
      [
        '500',
        { kind: 'status', status: 500, message: 'boom' },
        ZixflowApiError,
        { code: 'API_ERROR', status: 500, apiMessage: 'boom' },
      ],
      [
        '400',
        { kind: 'status', status: 400, message: 'recipient: invalid' },
        ZixflowApiError,
        { code: 'API_ERROR', status: 400 },
      ],
      [
        'success:false with 200',
        { kind: 'success-false', message: 'Insufficient credits' },
        ZixflowApiError,
        { code: 'API_ERROR', status: 200, apiMessage: 'Insufficient credits' },
      ],
      ['malformed body', { kind: 'malformed' }, ZixflowApiError, { code: 'API_ERROR', status: 200 }],
    ];

    it.each(cases)('%s', async (_name, fault, errorClass, fields) => {
      const nest = await boot([EventEmitterModule.forRoot(), ZixflowModule.forRoot(baseOptions())]);
      simulator.failNext(fault);
      const error = await nest
        .get(SmsService)
        .send({ recipient: '919876543210', message: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject(fields);
      expectNoSecrets(error, [API_KEY, WORKSPACE]);
      const failed = nest.get(SmsEventsListener).failed;
      expect(failed).toHaveLength(1);
      expect(failed[0].error).toBe(error);
      expect(failed[0].recipient).toBe('9198******10');
    });
  });
});
