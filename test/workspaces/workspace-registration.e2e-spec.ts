import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { HealthCheckService, TerminusModule, type HealthCheckResult } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import {
  InjectSmsService,
  PostbackPayload,
  SmsService,
  ZixflowConfigError,
  ZixflowModule,
  ZixflowPostback,
  getSmsServiceToken,
  type ZixflowModuleOptions,
  type ZixflowPostbackEvent,
} from '../../lib';
import { CaptureLogger } from '../utils/capture-logger';
import { ZixflowHealthIndicator } from '../../lib/health';
import type { ZixflowSimulator } from '../../lib/testing';
import { createTestApp, simulatorOptions, useTestSimulator } from '../utils/zixflow-test-app';

const WORKSPACE = 'ws-registration';
const API_KEY = 'sk_registration_KEY_1234';

describe('Registering named instances', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  const options = (extra: Partial<ZixflowModuleOptions> = {}) => simulatorOptions(simulator, extra);

  it('refuses the same name twice in one app at boot, naming it', async () => {
    const compiling = Test.createTestingModule({
      imports: [
        ZixflowModule.forRoot({ name: 'brand', ...options() }),
        ZixflowModule.forRootAsync({ name: 'brand', useFactory: () => options({ timeoutMs: 5_000 }) }),
      ],
    }).compile();
    await expect(compiling).rejects.toBeInstanceOf(ZixflowConfigError);
    await expect(compiling).rejects.toThrow('name "brand" is registered 2 times');
  });

  it('takes one registration imported in two places for one instance, and one name in two apps', async () => {
    const brand = ZixflowModule.forRoot({ name: 'brand', ...options() });
    @Module({ imports: [brand] })
    class FeatureModule {}
    const first = await createTestApp({ imports: [brand, FeatureModule] });
    const second = await createTestApp({ imports: [ZixflowModule.forRoot({ name: 'brand', ...options() })] });
    try {
      expect(first.get(getSmsServiceToken('brand'))).toBeInstanceOf(SmsService);
      expect(second.get(getSmsServiceToken('brand'))).not.toBe(first.get(getSmsServiceToken('brand')));
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('refuses an invalid name when the module is built, and a name inside the async factory result at boot', async () => {
    expect(() => ZixflowModule.forRoot({ name: 'has space', ...options() })).toThrow(ZixflowConfigError);
    expect(() => ZixflowModule.forRootAsync({ name: '', useFactory: () => options() })).toThrow(
      'name must be 1 to 64 letters',
    );
    const compiling = Test.createTestingModule({
      imports: [ZixflowModule.forRootAsync({ useFactory: () => ({ ...options(), name: 'brand' }) })],
    }).compile();
    await expect(compiling).rejects.toThrow('name must be passed at the top level of forRootAsync');
  });

  it("treats the name 'default' as the unnamed instance", async () => {
    const app = await createTestApp({ imports: [ZixflowModule.forRoot({ name: 'default', ...options() })] });
    try {
      await app.get(SmsService).send({ recipient: '919876543210', message: 'hi' });
      expect(simulator.sends).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('with isGlobal, named instances and the unnamed one are all injectable in a module that imports none', async () => {
    @Injectable()
    class Notifier {
      constructor(
        @InjectSmsService('one') readonly one: SmsService,
        @InjectSmsService('two') readonly two: SmsService,
        readonly plain: SmsService,
      ) {}
    }
    @Module({ providers: [Notifier] })
    class FeatureModule {}
    const app = await createTestApp({
      imports: [
        FeatureModule,
        ZixflowModule.forRoot({
          name: 'one',
          isGlobal: true,
          ...options({ defaults: { senderId: 'ONEONE' } }),
        }),
        ZixflowModule.forRootAsync({
          name: 'two',
          isGlobal: true,
          useFactory: () => options({ defaults: { senderId: 'TWOTWO' } }),
        }),
        ZixflowModule.forRoot({ isGlobal: true, ...options({ defaults: { senderId: 'PLAIN1' } }) }),
      ],
    });
    try {
      const notifier = app.get(Notifier);
      for (const sms of [notifier.one, notifier.two, notifier.plain]) {
        await sms.send({ recipient: '919876543210', message: 'hi', route: 'transactional' });
      }
      expect(simulator.sends.map((send) => send.body.sender_id)).toEqual(['ONEONE', 'TWOTWO', 'PLAIN1']);
    } finally {
      await app.close();
    }
  });
});

describe('Instance names', () => {
  it.each(['a', 'marketing', 'Brand_2', 'acme.eu-west', 'x'.repeat(64)])('accepts %p', (name) => {
    expect(getSmsServiceToken(name)).toBe(`ZixflowSmsService_${name}`);
  });

  it.each(['', ' ', '-lead', '.dot', 'has space', 'new\nline', 'a/b', 'x'.repeat(65)])(
    'refuses %p',
    (name) => {
      expect(() => getSmsServiceToken(name)).toThrow(ZixflowConfigError);
    },
  );

  it('refuses a name that is not a string, saying what it got', () => {
    expect(() =>
      ZixflowModule.forRoot({ name: 42 as unknown as string, apiKey: 'k', workspaceId: 'w' }),
    ).toThrow(
      'name must be 1 to 64 letters, digits, "_", "-" or "." starting with a letter or digit (got number)',
    );
  });
});

describe('Startup checks per instance', () => {
  const simulator = useTestSimulator();

  @Controller('webhooks')
  class MarketingHooks {
    @ZixflowPostback({ path: 'marketing', workspace: 'marketing' })
    onStatus(@PostbackPayload() _event: ZixflowPostbackEvent): void {}
  }

  it('counts each handler for its own instance only, and names the instance it warns about', async () => {
    const logger = new CaptureLogger();
    const app = await createTestApp(
      {
        imports: [
          ZixflowModule.forRoot({ name: 'marketing', ...simulatorOptions(simulator) }),
          ZixflowModule.forRoot(simulatorOptions(simulator)),
        ],
        controllers: [MarketingHooks],
      },
      { logger },
    );
    await app.close();
    const warnings = logger.lines.filter((line) => line.includes('ZIXFLOW_POSTBACK_URL'));
    // The marketing handler without a public URL: said once, by the marketing instance, not by the unnamed one.
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warn \[ZixflowPostback:marketing\] postback handlers exist \(MarketingHooks\.onStatus\), but postback\.publicUrl is not/,
      ),
    ]);
  });
});

describe('ZixflowHealthIndicator with named instances', () => {
  const good = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  // Refuses the key the 'refused' instance is configured with.
  const refusing = useTestSimulator({ apiKey: 'sk_the_key_it_expects_000', workspaceId: 'ws-refusing' });

  const named = (name: string, simulator: ZixflowSimulator, apiKey = simulator.apiKey) =>
    ZixflowModule.forRoot({ name, ...simulatorOptions(simulator, { apiKey }) });

  async function check(
    app: { get: <T>(token: new (...args: never[]) => T) => T },
    checks: Array<[key: string, workspace?: string]>,
  ): Promise<HealthCheckResult> {
    const indicator = app.get(ZixflowHealthIndicator);
    try {
      return await app.get(HealthCheckService).check(
        checks.map(
          ([key, workspace]) =>
            () =>
              indicator.isHealthy(key, { workspace, active: true }),
        ),
      );
    } catch (error) {
      return (error as { getResponse(): HealthCheckResult }).getResponse();
    }
  }

  it('checks each named instance on its own: its credentials, its sends', async () => {
    // The indicator's module imports no ZixflowModule: named instances are found anywhere in the app.
    @Module({
      imports: [TerminusModule],
      providers: [ZixflowHealthIndicator],
      exports: [ZixflowHealthIndicator],
    })
    class HealthModule {}
    const app = await createTestApp({
      imports: [HealthModule, named('good', good), named('refused', refusing, 'sk_a_key_it_refuses_111')],
    });
    try {
      await app
        .get<SmsService>(getSmsServiceToken('good'))
        .send({ recipient: '919876543210', message: 'hi' });
      const result = await check(app, [
        ['good', 'good'],
        ['refused', 'refused'],
      ]);
      expect(result.status).toBe('error');
      expect(result.info?.good).toMatchObject({
        status: 'up',
        credentials: { accepted: true },
        sends: { lastSuccessAt: expect.any(String) },
      });
      expect(result.error?.refused).toMatchObject({
        status: 'down',
        credentials: { accepted: false, error: 'AUTH' },
        sends: { lastSuccessAt: null },
      });
      expect(good.requestsTo('/api/data/messages/v1/delivery-report')[0]?.headers['x-api-key']).toBe(API_KEY);
    } finally {
      await app.close();
    }
  });

  it('refuses a workspace that is not registered, and the unnamed check when only named instances exist', async () => {
    const app = await createTestApp({
      imports: [TerminusModule, named('good', good)],
      providers: [ZixflowHealthIndicator],
    });
    try {
      const indicator = app.get(ZixflowHealthIndicator);
      await expect(indicator.isHealthy('zixflow', { workspace: 'nope' })).rejects.toThrow(
        'workspace "nope" is not a registered ZixflowModule instance',
      );
      await expect(indicator.isHealthy('zixflow')).rejects.toBeInstanceOf(ZixflowConfigError);
      expect(good.requests).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
