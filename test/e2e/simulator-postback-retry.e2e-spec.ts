import 'reflect-metadata';
import { Controller, type INestApplication } from '@nestjs/common';
import { PostbackPayload, SmsService, ZixflowPostback, type ZixflowPostbackEvent } from '../../lib';
import { freePort } from '../utils/free-port';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const SECRET = 'retry-e2e-secret-0123456789';

/** A handler that fails the first time, as an app whose database blipped. */
@Controller('webhooks')
class FlakyPostbackController {
  failures = 1;
  readonly handled: ZixflowPostbackEvent[] = [];

  @ZixflowPostback('zixflow')
  onPostback(@PostbackPayload() event: ZixflowPostbackEvent): void {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('database unavailable');
    }
    this.handled.push(event);
  }
}

describe('an app whose postback handler fails once, against the simulator', () => {
  const simulator = useTestSimulator();
  let app: INestApplication;

  beforeAll(async () => {
    const port = await freePort();
    app = await createZixflowTestApp(
      simulator,
      { postback: { publicUrl: `http://127.0.0.1:${port}/webhooks/zixflow`, secret: SECRET } },
      { controllers: [FlakyPostbackController], app: { rawBody: true }, listenPort: port },
    );
  });
  afterAll(() => app.close());

  it('answers 500, and the simulator retry is processed (not dropped as a duplicate)', async () => {
    const { requestId } = await app.get(SmsService).send({ recipient: '919876543210', message: 'hi' });
    await simulator.flushPostbacks();
    expect(simulator.postbacksFor(requestId).map((p) => [p.attempt, p.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const handled = app.get(FlakyPostbackController).handled;
    expect(handled.map((e) => [e.requestId, e.status, e.stale])).toEqual([[requestId, 'delivered', false]]);
  });
});
