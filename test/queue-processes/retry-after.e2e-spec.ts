import { until } from '../utils/until';
import { useTestSimulator } from '../utils/zixflow-test-app';
import { markerOf, sendsPerJob, useQueueRun } from './queue-run';

const JOBS = 400;
const CONCURRENCY = 4;
const WORKERS = 2;
const RETRY_AFTER_MS = 2_000;
/** Each send takes this long at the simulator, so the run lasts long enough to pause it mid-way. */
const LATENCY_MS = 25;
/** The 429 answers this send, well inside the run. */
const SENDS_BEFORE_429 = 60;

jest.setTimeout(120_000);

/**
 * A 429 with `Retry-After: 2` pauses the whole queue, on every worker process, not just the job that got it.
 * Measured at the simulator from the moment it answered the 429: no send arrives in the next two seconds,
 * except those of jobs already active then (their request may be on its way before their worker hears of the
 * pause): at most one per free slot of the two workers, `WORKERS * CONCURRENCY - 1`. Without the pause the
 * workers would send about `WORKERS * CONCURRENCY` every `LATENCY_MS`, far more in two seconds.
 */
describe.each([
  ['without a limiter', undefined],
  ['with a limiter', { max: 1_000, duration: 1_000 }],
])('a 429 with Retry-After across two worker processes, %s', (label, limiter) => {
  const simulator = useTestSimulator();
  const run = useQueueRun(simulator, `retry-after-${limiter ? 'limiter' : 'no-limiter'}`);

  beforeAll(async () => {
    await Promise.all(
      ['a', 'b'].map((name) =>
        run.startWorker(name, { concurrency: CONCURRENCY, ...(limiter ? { limiter } : {}) }),
      ),
    );
  });

  it('no worker sends while the Retry-After runs; every job is then sent once', async () => {
    simulator.setDefaultLatency(LATENCY_MS);
    await run.enqueue(JOBS);
    await until(() => simulator.requests.length >= SENDS_BEFORE_429, 5);
    simulator.failNext({ kind: 'status', status: 429, retryAfter: String(RETRY_AFTER_MS / 1000) });
    await run.settled(JOBS);

    const ends = await run.jobEnds();
    expect(ends.filter((end) => end.state !== 'completed' || end.result?.outcome !== 'queued')).toEqual([]);
    expect(ends).toHaveLength(JOBS);
    const limited = simulator.requests.filter((request) => request.response?.status === 429);
    expect(limited).toHaveLength(1);
    const answeredAt = limited[0].response?.answeredAt.getTime() as number;

    const sends = simulator.sends;
    const perJob = sendsPerJob(sends);
    expect(perJob.size).toBe(JOBS);
    expect([...perJob.values()].every((count) => count === 1)).toBe(true);
    // The job that got the 429 was sent again, after the pause.
    const limitedJob = markerOf(limited[0]);
    const resent = sends.find((send) => markerOf(send) === limitedJob);
    expect(resent?.receivedAt.getTime()).toBeGreaterThanOrEqual(answeredAt + RETRY_AFTER_MS);

    const arrivals = sends.map((send) => send.receivedAt.getTime());
    const during = arrivals.filter((at) => at > answeredAt && at < answeredAt + RETRY_AFTER_MS);
    const after = arrivals.filter((at) => at >= answeredAt + RETRY_AFTER_MS);
    console.log(
      `Retry-After (${label}): ${during.length} sends in flight arrived during the pause, ${after.length} after it`,
    );
    expect(during.length).toBeLessThanOrEqual(WORKERS * CONCURRENCY - 1);
    // The run went on after the pause: the pause did not just coincide with the end of the work.
    expect(after.length).toBeGreaterThan(JOBS / 2);
  });
});
