import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { ZixflowSimulator, freeLoopbackPort } from '../../lib/testing';
import { AppModule } from '../../sample/app.module';
import { NotificationsService } from '../../sample/notifications.service';
import { MarketingService } from '../../sample/marketing/marketing.service';
import { startMarketingSimulator } from '../../sample/marketing/marketing.demo';

/** `npm run sample`'s app, booted as main.ts boots it: the second workspace and GET /health work. */
describe('The sample app', () => {
  let app: INestApplication;
  let simulator: ZixflowSimulator;
  let marketing: Awaited<ReturnType<typeof startMarketingSimulator>>;

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({
      apiKey: 'sample-api-key',
      workspaceId: 'sample-workspace',
    }).start();
    marketing = await startMarketingSimulator();
    const port = await freeLoopbackPort();
    const { apiKey, workspaceId } = simulator;
    const publicUrl = `http://127.0.0.1:${port}`;
    app = await NestFactory.create(
      AppModule.register({
        zixflowUrl: simulator.url,
        apiKey,
        workspaceId,
        publicUrl,
        marketing: marketing.config,
      }),
      { rawBody: true, logger: false },
    );
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await simulator?.stop();
    await marketing?.simulator.stop();
  });

  it('sends through each workspace to its own simulator and gets each delivery postback', async () => {
    const shipped = await app.get(NotificationsService).sendOrderShipped('919876543210', 'A-1');
    const offer = await app.get(MarketingService).sendOffer('919876543210');
    expect(simulator.sends.map((send) => send.headers['x-workspace-id'])).toEqual(['sample-workspace']);
    expect(marketing.simulator.sends.map((send) => send.headers['x-workspace-id'])).toEqual([
      'sample-marketing-workspace',
    ]);
    await expect(app.get(NotificationsService).waitUntilDelivered(shipped.requestId)).resolves.toMatchObject({
      status: 'delivered',
    });
    await expect(app.get(MarketingService).waitUntilDelivered(offer.requestId)).resolves.toMatchObject({
      status: 'delivered',
    });
    // Each workspace's endpoint took its own postback (waitForStatus may have read the report first on a busy
    // machine, so the postbacks are checked where they were answered).
    await simulator.flushPostbacks();
    await marketing.simulator.flushPostbacks();
    expect(simulator.postbacksFor(shipped.requestId).map((postback) => postback.status)).toContain(200);
    expect(marketing.simulator.postbacksFor(offer.requestId).map((postback) => postback.status)).toContain(
      200,
    );
  });

  it('answers GET /health with both workspaces up, their credentials proven', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      details: {
        zixflow: { status: 'up', credentials: { accepted: true } },
        'zixflow-marketing': { status: 'up', credentials: { accepted: true } },
      },
    });
  });
});
