import 'reflect-metadata';
import { inspect } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { SmsService, ZixflowAuthError, ZixflowEvent, type SmsSendFailedEvent } from '../../lib';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_live_Echo0Redact1Me2Please3Now';
const WORKSPACE = 'ws_redaction_private';
const POSTBACK_SECRET = 'pbS3cr3t-Kq7Zr2Xw9Lm4Tn8Vs1Yd6Hj';

/** What a server may echo of a secret it was sent or knows. */
function echoesOf(secret: string): Record<string, string> {
  return {
    exact: secret,
    'lower-cased': secret.toLowerCase(),
    'upper-cased': secret.toUpperCase(),
    'truncated to 16 characters': secret.slice(0, 16),
    base64: Buffer.from(secret).toString('base64'),
    'inside a Basic auth value': `Basic ${Buffer.from(`key:${secret}`).toString('base64')}`,
  };
}

const CASES = [
  ...Object.entries(echoesOf(API_KEY)).map(([form, text]) => ({ secret: 'API key', form, text })),
  ...Object.entries(echoesOf(POSTBACK_SECRET)).map(([form, text]) => ({
    secret: 'postback secret',
    form,
    text,
  })),
];

/** No 8-character run of the secret (nor of its base64 form), in any case. */
function expectNothingOf(secret: string, text: string): void {
  const lower = text.toLowerCase();
  for (const form of [secret, Buffer.from(secret).toString('base64')]) {
    for (let i = 0; i + 8 <= form.length; i++)
      expect(lower).not.toContain(form.slice(i, i + 8).toLowerCase());
  }
}

describe.each([['undici'], ['http']] as const)('Redaction on the %s transport', (adapter) => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication;
  const failed: SmsSendFailedEvent[] = [];

  beforeAll(async () => {
    app = await createZixflowTestApp(
      simulator,
      {
        // As read from secrets files: with their trailing newline.
        apiKey: `${API_KEY}\n`,
        workspaceId: `${WORKSPACE}\n`,
        postback: { secret: `${POSTBACK_SECRET}\n` },
        http: { adapter },
      },
      { imports: [EventEmitterModule.forRoot()] },
    );
    app.get(EventEmitter2).on(ZixflowEvent.SmsSendFailed, (event: SmsSendFailedEvent) => failed.push(event));
  });
  afterAll(async () => {
    await app.close();
  });

  it('a key read with a trailing newline is sent trimmed and accepted', async () => {
    await expect(
      app.get(SmsService).send({ recipient: '919876543210', message: 'trimmed key' }),
    ).resolves.toMatchObject({ requestId: expect.any(String) });
  });

  it.each(CASES)(
    'a 401 echoing the $secret ($form) leaks nothing: message, inspect, JSON and the send_failed event',
    async ({ text }) => {
      failed.length = 0;
      simulator.failNext({ kind: 'status', status: 401, message: `Invalid credentials: ${text} (see docs)` });
      const error = await app
        .get(SmsService)
        .send({ recipient: '919876543210', message: 'echo' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZixflowAuthError);
      expect((error as ZixflowAuthError).apiMessage).toMatch(
        /^Invalid credentials: .*\[REDACTED\].* \(see docs\)$/,
      );
      expect(failed).toHaveLength(1);
      for (const shown of [
        (error as Error).message,
        inspect(error, { depth: 10 }),
        JSON.stringify(error),
        inspect(failed[0], { depth: 10 }),
        JSON.stringify(failed[0]),
      ]) {
        expectNothingOf(API_KEY, shown);
        expectNothingOf(POSTBACK_SECRET, shown);
      }
    },
  );
});
