import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { ZixflowSimulator, freeLoopbackPort } from '../lib/testing';
import { CampaignService } from './campaign.service';
import { QueueSampleModule } from './queue-sample.module';

const CUSTOMERS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a Redis answers at `url`, asked once (BullMQ would otherwise retry forever). */
async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Deletes the sample's queue from Redis: it is a demo, nothing of it should stay. */
async function deleteQueue(url: string, keyPattern: string): Promise<void> {
  const client = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', keyPattern, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/**
 * `npm run sample -- --queue`: the embedded simulator, a Nest app that is both an API instance and a worker of
 * a BullMQ queue on the Redis at REDIS_URL, a campaign of 100 SMS enqueued at once, sent by the worker under a
 * 50-per-second limit, and their delivery postbacks counted. The queue is removed from Redis at the end.
 */
export async function runQueueSample(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(redisUrl))) {
    throw new Error(
      `npm run sample -- --queue needs a Redis at REDIS_URL (${redisUrl}); plain \`npm run sample\` does not`,
    );
  }
  const apiKey = 'sample-api-key';
  const workspaceId = 'sample-workspace';
  const simulator = await new ZixflowSimulator({ apiKey, workspaceId }).start();
  simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], delayMs: 50 });
  const port = await freeLoopbackPort();
  const prefix = 'zixflow-sample';
  const queueName = `campaign-${randomBytes(4).toString('hex')}`;
  const app = await NestFactory.create(
    QueueSampleModule.register({
      zixflowUrl: simulator.url,
      apiKey,
      workspaceId,
      publicUrl: `http://127.0.0.1:${port}`,
      redisUrl,
      queueName,
      prefix,
    }),
    { rawBody: true, logger: ['error', 'warn'] },
  );
  await app.listen(port, '127.0.0.1');
  try {
    const campaign = app.get(CampaignService);
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
      phone: `91987654${String(i).padStart(4, '0')}`,
      orderId: `A-${1001 + i}`,
    }));
    const { enqueued, invalid } = await campaign.enqueue(customers, (progress) =>
      console.log(`enqueued ${progress.enqueued}/${CUSTOMERS}`),
    );
    console.log(
      `${enqueued} jobs in queue "${queueName}" (${invalid.length} invalid); the worker sends them at 50/s`,
    );
    let reported = '';
    while (campaign.delivered + campaign.failed + campaign.unknown < enqueued) {
      const line = `sent ${campaign.sent}/${enqueued}, delivered ${campaign.delivered}/${enqueued}`;
      if (line !== reported) console.log(line);
      reported = line;
      await sleep(250);
    }
    console.log(
      `Delivered ${campaign.delivered} of ${enqueued} (failed ${campaign.failed}, unknown ${campaign.unknown}); ` +
        `the simulator received ${simulator.sends.length} sends`,
    );
  } finally {
    await app.close();
    await simulator.stop();
    await deleteQueue(redisUrl, `${prefix}:${queueName}:*`);
  }
}
