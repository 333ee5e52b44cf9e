import { Queue } from 'bullmq';
import { REDIS_URL, requireRedis } from '../utils/redis';
import { useTestSimulator } from '../utils/zixflow-test-app';
import { RECIPIENT, createQueueApp, queueOptions, randomQueueName, removeQueue } from './queue-test-app';
import { until } from '../utils/until';

/** Messages the simulator received, in arrival order. */
function receivedTexts(simulator: ReturnType<typeof useTestSimulator>): string[] {
  return simulator.requests.map((request) => String((request.body as { message?: unknown }).message));
}

describe('nestjs-zixflow/queue: app.close() with jobs active', () => {
  const simulator = useTestSimulator();
  let queueName: string;
  let inspector: Queue;

  beforeAll(requireRedis);
  beforeEach(() => {
    queueName = randomQueueName('shutdown');
    inspector = new Queue(queueName, { connection: { url: REDIS_URL } });
  });
  afterEach(async () => {
    await inspector.close();
    await removeQueue(queueName);
  });

  async function statesOf(ids: string[]): Promise<Record<string, string>> {
    const states: Record<string, string> = {};
    for (const id of ids) states[id] = await inspector.getJobState(id);
    return states;
  }

  it('stops taking jobs, lets the active ones finish, leaves the rest waiting', async () => {
    simulator.setDefaultLatency(300);
    const { app, queue } = await createQueueApp(simulator, queueOptions(queueName, { concurrency: 2 }));
    const ids = [];
    for (let i = 0; i < 6; i++) {
      ids.push(await queue.enqueue({ recipient: RECIPIENT, message: `job ${i}` }, { jobId: `job-${i}` }));
    }
    await until(() => simulator.requests.length === 2);
    await app.close();

    const sent = receivedTexts(simulator);
    expect(sent).toHaveLength(2);
    const states = await statesOf(ids);
    for (const [id, state] of Object.entries(states)) {
      // The two in flight completed; the four never taken are still waiting; none is active or lost.
      expect(state).toBe(sent.includes(`job ${id.slice(4)}`) ? 'completed' : 'waiting');
    }
  });

  it('past shutdownTimeoutMs: sends not on the wire yet go back to waiting (no attempt spent); none is lost', async () => {
    // One request at a time on the client: of three active jobs, one is on the wire and two wait for a slot.
    simulator.setDefaultLatency(2_000);
    const { app, queue } = await createQueueApp(
      simulator,
      queueOptions(queueName, { concurrency: 3, shutdownTimeoutMs: 200 }),
      { limits: { maxConcurrency: 1 } },
    );
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await queue.enqueue({ recipient: RECIPIENT, message: `job ${i}` }, { jobId: `job-${i}` }));
    }
    await until(async () => simulator.requests.length === 1 && (await queue.counts()).active === 3);
    await app.close();

    const [onTheWire] = receivedTexts(simulator);
    const states = await statesOf(ids);
    for (const [id, state] of Object.entries(states)) {
      if (`job ${id.slice(4)}` === onTheWire) {
        // Aborted at the bound after its request was written: it may have gone, so it ends unknown (never resent).
        expect(state).toBe('completed');
        expect((await inspector.getJob(id))?.returnvalue).toMatchObject({ outcome: 'unknown' });
      } else {
        expect(state).toBe('waiting');
        expect((await inspector.getJob(id))?.attemptsMade).toBe(0);
      }
    }
    expect(simulator.requests).toHaveLength(1);
  });
});
