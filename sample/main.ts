import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ZixflowSimulator } from '../lib/testing';
import { AppModule } from './app.module';
import { NotificationsService } from './notifications.service';

/**
 * `npm run sample`: starts the embedded Zixflow simulator, boots a Nest app against it, sends one SMS
 * through SmsService and prints the result. No credentials and no network needed.
 */
async function main() {
  const apiKey = 'sample-api-key';
  const workspaceId = 'sample-workspace';
  const simulator = await new ZixflowSimulator({ apiKey, workspaceId }).start();
  const app = await NestFactory.createApplicationContext(AppModule.forSimulator(simulator.url, apiKey, workspaceId));
  try {
    const result = await app.get(NotificationsService).sendOrderShipped('919876543210', 'A-1001');
    console.log(`Zixflow accepted the SMS: requestId=${result.requestId} ("${result.message}")`);
    const wire = simulator.requests[0];
    console.log(`The simulator saw ${wire.method} ${wire.path} with body ${wire.rawBody}`);
  } finally {
    await app.close();
    await simulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
