import { requireRedis } from '../utils/redis';
import { useTestSimulator } from '../utils/zixflow-test-app';
import {
  createQueueApp,
  queueOptions,
  randomQueueName,
  settledJob,
  type QueueTestApp,
} from './queue-test-app';

const RECIPIENT = '919876543210';

describe('nestjs-zixflow/queue: enqueue, worker, simulator (real Redis, real Nest app)', () => {
  const simulator = useTestSimulator();
  let current: QueueTestApp | undefined;

  beforeAll(requireRedis);
  afterEach(async () => {
    if (current === undefined) return;
    const { app, bull } = current;
    current = undefined;
    await app.close();
    await bull.obliterate({ force: true }).catch(() => undefined);
  });

  it('sends an enqueued SMS through the worker: the job completes queued with the send it was given', async () => {
    current = await createQueueApp(simulator, queueOptions(randomQueueName()));
    const jobId = await current.queue.enqueue({ recipient: RECIPIENT, message: 'hello from the queue' });
    const job = await settledJob(current.bull, jobId);
    expect(job.returnvalue).toEqual({
      outcome: 'queued',
      requestId: expect.any(String),
      sendId: job.data.sendId,
    });
    expect(simulator.sends).toHaveLength(1);
    expect(simulator.sends[0]?.body).toMatchObject({ message: 'hello from the queue' });
  });
});
