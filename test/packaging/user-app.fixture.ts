/**
 * A user's Nest app and its Jest setup, as the README documents them ("Testing your app"): the heavy test
 * user-jest.e2e-spec.ts writes these files into a scratch app that installs the packed library and runs Jest.
 * Kept as text: they are the user's files, compiled by the user's toolchain, never by this repository's.
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

/** The user's code under test: a service that injects SmsService, and a postback route. */
export const USER_SOURCES: Readonly<Record<string, string>> = {
  'src/otp.service.ts': `import { Injectable } from '@nestjs/common';
import { SmsService } from 'nestjs-zixflow';

@Injectable()
export class OtpService {
  constructor(private readonly sms: SmsService) {}

  sendCode(phone: string, code: string) {
    return this.sms.send({ recipient: phone, message: \`Your code is \${code}\` });
  }
}
`,
  'src/delivery.controller.ts': `import { Controller } from '@nestjs/common';
import { PostbackPayload, ZixflowPostback, type ZixflowPostbackEvent } from 'nestjs-zixflow';

@Controller('sms')
export class DeliveryController {
  readonly received: ZixflowPostbackEvent[] = [];

  @ZixflowPostback('status')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push(event);
  }
}
`,
  'src/otp.service.spec.ts': `import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ZixflowAuthError, ZixflowValidationError } from 'nestjs-zixflow';
import { ZixflowTesting, ZixflowTestingModule } from 'nestjs-zixflow/testing';
import { DeliveryController } from './delivery.controller';
import { OtpService } from './otp.service';

describe('OtpService', () => {
  let app: INestApplication;
  let testing: ZixflowTesting;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ZixflowTestingModule.forRoot({
          defaults: { senderId: 'ACMEOT', route: 'otp' },
          postback: { publicUrl: 'http://localhost/sms/status' },
        }),
      ],
      providers: [OtpService],
      controllers: [DeliveryController],
    }).compile();
    app = moduleRef.createNestApplication({ rawBody: true, logger: false });
    app.useGlobalPipes(new ValidationPipe());
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
    expect(app.get(DeliveryController).received[0]).toMatchObject({ requestId, status: 'delivered' });
  });

  it('surfaces a refused key as ZixflowAuthError', async () => {
    testing.scriptOutcome('*', { outcome: 'rejected', code: 'AUTH' });
    await expect(app.get(OtpService).sendCode('919876543210', '1')).rejects.toBeInstanceOf(ZixflowAuthError);
  });

  it('refuses a bad number before sending', async () => {
    await expect(app.get(OtpService).sendCode('12', '1')).rejects.toBeInstanceOf(ZixflowValidationError);
    expect(testing.sent).toHaveLength(0);
  });
});
`,
};
