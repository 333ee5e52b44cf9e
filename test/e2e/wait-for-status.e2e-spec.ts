import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { SmsService } from '../../lib';
import { freePort } from '../utils/free-port';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_wait_for_status_key';
const WORKSPACE = 'ws_wait_for_status';
const SECRET = 'wait-secret-0123456789abcdefghij';

/**
 * waitForStatus resolves from the postback as soon as it arrives (the report poll is set far apart so it
 * cannot win), with no EventEmitterModule in the app: the module's in-process subscription serves it.
 */
describe('waitForStatus through postbacks', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication;
  let sms: SmsService;

  beforeAll(async () => {
    const port = await freePort();
    app = await createZixflowTestApp(
      simulator,
      {
        defaults: { senderId: 'ZIXFLW', route: 'otp' },
        postback: {
          publicUrl: `http://127.0.0.1:${port}/hooks/zixflow`,
          secret: SECRET,
          path: 'hooks/zixflow',
        },
      },
      { app: { rawBody: true }, listenPort: port },
    );
    sms = app.get(SmsService);
  });
  afterAll(async () => {
    await app.close();
  });

  /**
   * The waiter polls the report once at once, and the postbacks may come before that poll on a busy machine:
   * that poll answers 404 (not known yet), so only a postback can resolve the wait within the next minute.
   */
  function reportNotFoundYet(): void {
    simulator.failNext({ kind: 'status', status: 404 });
  }

  it('resolves from the delivered postback with the exact message id', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 20 });
    const { requestId } = await sms.send({ recipient: '919876543210', message: 'Your OTP is 123456' });
    reportNotFoundYet();
    const update = await sms.waitForStatus(requestId, { pollIntervalMs: 60_000, timeoutMs: 10_000 });
    expect(update).toMatchObject({ requestId, status: 'delivered', source: 'postback' });
    expect(update.messageId).toBe(simulator.message(requestId)?.messageId);
    expect(update.statusAt).toBe(simulator.message(requestId)?.statusAt);
    const sent = simulator.requests[0].body as { post_back_url: string };
    expect(sent.post_back_url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/hooks/zixflow\\?zxf_token=v2\\.`),
    );
  });

  it('ignores postbacks for other requests and statuses it was not asked for', async () => {
    simulator.setPostbackScenario('*', { statuses: ['sent', 'failed'], delayMs: 20 });
    const first = await sms.send({ recipient: '919876543210', message: 'one' });
    const second = await sms.send({ recipient: '919876543211', message: 'two' });
    reportNotFoundYet();
    const update = await sms.waitForStatus(second.requestId, {
      statuses: ['sent'],
      pollIntervalMs: 60_000,
      timeoutMs: 10_000,
    });
    expect(update).toMatchObject({ requestId: second.requestId, status: 'sent', source: 'postback' });
    expect(update.requestId).not.toBe(first.requestId);
    await simulator.flushPostbacks();
  });
});
