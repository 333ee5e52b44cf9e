/**
 * A user's Jest setup and tests, exactly as the README shows them ("Testing your app"): the heavy test
 * user-jest.e2e-spec.ts writes these files into a scratch app that installs the packed library and runs Jest.
 * Kept as text: they are the user's files, compiled by the user's toolchain, never by this repository's. Each
 * spec is self-contained (the README's snippets are type-checked one by one by test/docs).
 */

/** The dev dependencies the README tells users to add (ranges as a user would write them). */
export const USER_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  jest: '^30.0.0',
  '@swc/core': '^1.15.0',
  '@swc/jest': '^0.2.39',
};

/** The documented jest.config.js: SWC compiles the app's TypeScript, and Nest 12's ES modules, to CommonJS. */
export const USER_JEST_CONFIG = `// Jest runs CommonJS; Nest 12 ships ES modules only. SWC compiles both your TypeScript and those packages.
const swc = (syntax) => [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
      // Nest's dependency injection reads the constructor parameter types TypeScript records.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: 'src',
  testRegex: '.*\\\\.spec\\\\.ts$',
  transform: {
    '^.+\\\\.ts$': swc('typescript'),
    '^.+\\\\.m?js$': swc('ecmascript'),
  },
  // Compile @nestjs/* too (add any other ES-module-only package your tests load to this list).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
};
`;

/** README: unit tests with ZixflowTestingModule (no HTTP; the real validation, errors and postback guard). */
const TESTING_MODULE_SPEC = `import { Controller, Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  PostbackPayload,
  SmsService,
  ZixflowAuthError,
  ZixflowPostback,
  ZixflowValidationError,
  type ZixflowPostbackEvent,
} from 'nestjs-zixflow';
import { ZixflowTesting, ZixflowTestingModule } from 'nestjs-zixflow/testing';

// Your code: a service that sends, a controller that takes postbacks.
@Injectable()
class OtpService {
  constructor(private readonly sms: SmsService) {}
  sendCode(phone: string, code: string) {
    return this.sms.send({ recipient: phone, message: \`Your code is \${code}\` });
  }
}

@Controller('sms')
class DeliveryController {
  readonly received: ZixflowPostbackEvent[] = [];
  @ZixflowPostback('status')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push(event);
  }
}

describe('OtpService', () => {
  let app: INestApplication;
  let testing: ZixflowTesting;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        // In place of ZixflowModule.forRoot(...): apiKey, workspaceId and the postback secret have test defaults.
        ZixflowTestingModule.forRoot({
          defaults: { senderId: 'ACMEOT', route: 'otp' },
          postback: { publicUrl: 'http://localhost/sms/status' }, // only the path matters: your route
        }),
      ],
      providers: [OtpService],
      controllers: [DeliveryController],
    }).compile();
    app = moduleRef.createNestApplication({ rawBody: true, logger: false }); // rawBody: for postbacks
    await app.init();
    testing = app.get(ZixflowTesting);
  });
  beforeEach(() => testing.reset());
  afterAll(() => app.close());

  it('sends the code, and its postback reaches the controller', async () => {
    const { requestId } = await app.get(OtpService).sendCode('919876543210', '4711');
    testing.expectSent({ recipient: '919876543210', message: /4711/ });

    const { status } = await testing.deliverPostback({ requestId, status: 'delivered' });
    expect(status).toBe(200);
    expect(app.get(DeliveryController).received).toMatchObject([{ requestId, status: 'delivered' }]);
  });

  it('surfaces a refused key, a lost answer and a bad number as the real module does', async () => {
    testing.scriptOutcome('919876543210', { outcome: 'rejected', code: 'AUTH' }, 1);
    await expect(app.get(OtpService).sendCode('919876543210', '1')).rejects.toBeInstanceOf(ZixflowAuthError);

    testing.scriptOutcome('919876543210', { outcome: 'unknown' }, 1);
    await expect(app.get(OtpService).sendCode('919876543210', '2')).rejects.toMatchObject({
      code: 'NETWORK',
      outcome: 'unknown',
    });

    await expect(app.get(OtpService).sendCode('12', '3')).rejects.toBeInstanceOf(ZixflowValidationError);
    expect(testing.sent).toHaveLength(2); // the invalid one never left
  });
});
`;

/**
 * README: e2e with the simulator, for an app configured by forRootAsync from the environment: its config
 * provider overridden, a free port for the postback URL, and the simulator retrying a postback answered 500.
 */
const SIMULATOR_SPEC = `import { Controller, Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import {
  PostbackPayload,
  SmsService,
  ZixflowModule,
  ZixflowPostback,
  type ZixflowModuleOptions,
  type ZixflowPostbackEvent,
} from 'nestjs-zixflow';
import { zixflowConfig } from 'nestjs-zixflow/config';
import { ZixflowSimulator, freeLoopbackPort } from 'nestjs-zixflow/testing';

@Controller('webhooks')
class WebhooksController {
  failures = 1; // the first postback fails, as when your database blips
  readonly received: ZixflowPostbackEvent[] = [];
  @ZixflowPostback('zixflow')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    if (this.failures-- > 0) throw new Error('database unavailable');
    this.received.push(event);
  }
}

// Your AppModule, configured from ZIXFLOW_* variables.
@Module({
  imports: [
    ZixflowModule.forRootAsync({
      imports: [ConfigModule.forFeature(zixflowConfig)],
      inject: [zixflowConfig.KEY],
      useFactory: (config: ZixflowModuleOptions) => config,
    }),
  ],
  controllers: [WebhooksController],
})
class AppModule {}

describe('delivery statuses, end to end', () => {
  let simulator: ZixflowSimulator;
  let app: INestApplication;

  beforeAll(async () => {
    simulator = await new ZixflowSimulator().start();
    const port = await freeLoopbackPort(); // the postback URL is an option: known before the app listens
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(zixflowConfig.KEY) // instead of the environment
      .useValue({
        apiKey: simulator.apiKey,
        workspaceId: simulator.workspaceId,
        baseUrl: simulator.url,
        defaults: { senderId: 'ACMEOT', route: 'otp' },
        postback: { publicUrl: \`http://127.0.0.1:\${port}/webhooks/zixflow\`, secret: 'test-postback-secret-123' },
      } satisfies ZixflowModuleOptions)
      .compile();
    app = moduleRef.createNestApplication({ rawBody: true, logger: false });
    await app.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await simulator.stop();
  });

  it('retries the postback the app answered 500, and the retry is handled', async () => {
    const { requestId } = await app.get(SmsService).send({ recipient: '919876543210', message: 'Your code is 4711' });
    await simulator.flushPostbacks();

    expect(simulator.sends[0].body).toMatchObject({ recipient: '919876543210', sender_id: 'ACMEOT' });
    expect(simulator.postbacksFor(requestId).map((p) => p.status)).toEqual([500, 200]);
    expect(app.get(WebhooksController).received).toMatchObject([{ requestId, status: 'delivered' }]);
  });
});
`;

/** README: a jest mock of SmsService, for tests of your code alone (nothing of the module runs, nor its checks). */
const MOCK_SPEC = `import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SmsService } from 'nestjs-zixflow';

@Injectable()
class OtpService {
  constructor(private readonly sms: SmsService) {}
  sendCode(phone: string, code: string) {
    return this.sms.send({ recipient: phone, message: \`Your code is \${code}\` });
  }
}

it('asks SmsService to send the code', async () => {
  const send = jest.fn().mockResolvedValue({ requestId: 'req-1', message: 'queued', sendId: 'send-1' });
  const moduleRef = await Test.createTestingModule({
    providers: [OtpService, { provide: SmsService, useValue: { send } }],
  }).compile();

  await expect(moduleRef.get(OtpService).sendCode('919876543210', '4711')).resolves.toMatchObject({ requestId: 'req-1' });
  expect(send).toHaveBeenCalledWith({ recipient: '919876543210', message: 'Your code is 4711' });
});
`;

/** The user's spec files (each one a README snippet), by path in the scratch app. */
export const USER_SPECS: Readonly<Record<string, string>> = {
  'src/otp.testing-module.spec.ts': TESTING_MODULE_SPEC,
  'src/otp.simulator.spec.ts': SIMULATOR_SPEC,
  'src/otp.mock.spec.ts': MOCK_SPEC,
};

/** How many tests the specs hold: Jest must report them all passed. */
export const USER_TEST_COUNT = 4;
