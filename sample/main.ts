import 'reflect-metadata';
import { createServer } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { ZixflowSimulator } from '../lib/testing';
import { AppModule } from './app.module';
import { NotificationsService } from './notifications.service';
import { printHealth, runMarketingDemo, startMarketingSimulator } from './marketing/marketing.demo';

/** A free loopback port, so the app knows its own public URL before it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `npm run sample`: starts the embedded Zixflow simulator, boots a Nest app against it, sends one SMS
 * through SmsService and waits for its delivery postback; then the same through a second workspace (a named
 * instance against a second simulator), and prints GET /health. No credentials and no network needed.
 */
async function main(): Promise<void> {
  const apiKey = 'sample-api-key';
  const workspaceId = 'sample-workspace';
  const simulator = await new ZixflowSimulator({ apiKey, workspaceId }).start();
  simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 50 });
  const marketing = await startMarketingSimulator();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const app = await NestFactory.create(
    AppModule.register({
      zixflowUrl: simulator.url,
      apiKey,
      workspaceId,
      publicUrl,
      marketing: marketing.config,
    }),
    { rawBody: true },
  );
  await app.listen(port, '127.0.0.1');
  try {
    const notifications = app.get(NotificationsService);
    const result = await notifications.sendOrderShipped('919876543210', 'A-1001');
    console.log(`Zixflow accepted the SMS: requestId=${result.requestId} ("${result.message}")`);
    const wire = simulator.requests[0];
    console.log(`The simulator saw ${wire.method} ${wire.path} with body ${wire.rawBody}`);
    const delivered = await notifications.waitUntilDelivered(result.requestId);
    console.log(`Final status: ${delivered.status} at ${delivered.statusAt} (via ${delivered.source})`);
    await runMarketingDemo(app, marketing.simulator);
    await printHealth(publicUrl);
  } finally {
    await app.close();
    await simulator.stop();
    await marketing.simulator.stop();
  }
}

// `npm run sample -- --queue`: the BullMQ variant (sample/queue-sample.ts), which needs Redis.
const run = process.argv.includes('--queue')
  ? () => import('./queue-sample').then((m) => m.runQueueSample())
  : main;
run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
