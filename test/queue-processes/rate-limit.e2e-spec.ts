import { useTestSimulator } from '../utils/zixflow-test-app';
import { sendsPerJob, useQueueRun } from './queue-run';
import type { QueueWorkerProcess } from './queue-worker.process';

const JOBS = 500;
const LIMITER = { max: 50, duration: 1000 };
/** Windows the jobs need: the last one opens at least this many windows less one after the first. */
const WINDOWS = Math.ceil(JOBS / LIMITER.max);
/**
 * Each window opens when a worker moves a job to active in Redis, and `processedOn` is that worker's clock just
 * before it asked: the time the request took on its way to Redis may differ between the first and the last job
 * by a little. Allowed for, in ms. (At the simulator a first send may arrive later still: a new connection, code
 * not yet optimized; there the span measured 9 013 ms once, so it is reported, not asserted.)
 */
const CLOCK_SLACK_MS = 50;

jest.setTimeout(120_000);

/** The most sends any sliding window of `ms` holds (start inclusive, end exclusive), by arrival time. */
function busiestWindow(arrivals: number[], ms: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  sorted.forEach((at, last) => {
    while (at - sorted[first] >= ms) first++;
    most = Math.max(most, last - first + 1);
  });
  return most;
}

/**
 * The provider's rate limit held across processes: two worker processes share the queue with a limiter of 50
 * per second. The sends per second are measured where they matter, at the simulator: BullMQ counts fixed
 * windows from each window's first job, so a sliding second may hold the tail of one window and the head of the
 * next (up to 2 x 50), never more. And 500 jobs need ten windows, the last opening at least nine windows after
 * the first: measured where the limiter acts, when the jobs were taken.
 */
describe('global rate limit across two worker processes', () => {
  const simulator = useTestSimulator();
  const run = useQueueRun(simulator, 'rate-limit');
  let workers: QueueWorkerProcess[];

  beforeAll(async () => {
    workers = await Promise.all([
      run.startWorker('a', { limiter: LIMITER }),
      run.startWorker('b', { limiter: LIMITER }),
    ]);
  });

  it(`sends ${JOBS} jobs at most ${2 * LIMITER.max} in any second, over at least ${WINDOWS - 1} windows`, async () => {
    await run.enqueue(JOBS);
    await run.settled(JOBS);

    const ends = await run.jobEnds();
    expect(ends).toHaveLength(JOBS);
    expect(ends.filter((end) => end.state !== 'completed' || end.result?.outcome !== 'queued')).toEqual([]);
    const sends = simulator.sends;
    const perJob = sendsPerJob(sends);
    expect(perJob.size).toBe(JOBS);
    expect([...perJob.values()].every((count) => count === 1)).toBe(true);
    // Both processes took part: the limit held across them, not inside one.
    const byWorker = new Set(run.events.map((event) => event.worker));
    expect(byWorker).toEqual(new Set(workers.map((worker) => worker.label)));

    const arrivals = sends.map((send) => send.receivedAt.getTime());
    const span = Math.max(...arrivals) - Math.min(...arrivals);
    const busiest = busiestWindow(arrivals, LIMITER.duration);
    const taken = ends.map((end) => end.processedOn as number);
    const takenSpan = Math.max(...taken) - Math.min(...taken);
    console.log(
      `rate limit: ${JOBS} jobs taken over ${takenSpan} ms, sent over ${span} ms, at most ${busiest} in one sliding second`,
    );
    expect(busiest).toBeLessThanOrEqual(2 * LIMITER.max);
    expect(takenSpan).toBeGreaterThanOrEqual((WINDOWS - 1) * LIMITER.duration - CLOCK_SLACK_MS);
  });
});
