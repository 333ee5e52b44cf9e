import { useTestSimulator } from '../utils/zixflow-test-app';
import { sendsPerJob, useQueueRun } from './queue-run';
import type { QueueWorkerProcess } from './queue-worker.process';

const JOBS = 500;
const LIMITER = { max: 50, duration: 1000 };
/** What the module gives BullMQ for it (spread, the default): 5 jobs per window of 100 ms. */
const WINDOW = { max: 5, duration: 100 };
/** The windows the jobs need: the last opens at least this many less one windows after the first. */
const WINDOWS = JOBS / WINDOW.max;
/** The most jobs taken in a sliding second: ten windows open in it, plus the rest of the one open as it began. */
const TAKEN_MOST = LIMITER.max + WINDOW.max - 1;
/**
 * Each window opens when a worker moves a job to active in Redis, and `processedOn` is that worker's clock just
 * before it asked: the time each request took on its way to Redis may differ by a little. Allowed for, in ms, and
 * as one window's jobs more in a sliding second.
 */
const CLOCK_SLACK_MS = 50;
const CLOCK_SLACK_JOBS = WINDOW.max;

jest.setTimeout(120_000);

/** The most of `times` (arrivals, takes) any sliding window of `ms` holds (start inclusive, end exclusive). */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
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
 * per second, spread by the module into windows of 5 per 100 ms. Measured where it matters, at the simulator:
 * 500 jobs take at least 9.5 s there, and no sliding second holds more than 100 (what BullMQ's fixed windows of
 * one second, each opening with its first job, would allow at most). Measured where the limiter acts, when the
 * jobs were taken: the last of the hundred windows opens at least 99 windows after the first, and a sliding
 * second holds at most the 50 of the windows opening in it and the 4 left of the one open as it began.
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

  it(`sends ${JOBS} jobs over at least 9.5 s, at most ${2 * LIMITER.max} sent and ${TAKEN_MOST} taken (and clock slack) in any sliding second`, async () => {
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
      `rate limit: ${JOBS} jobs taken over ${takenSpan} ms, sent over ${span} ms, at most ${busiest} in one sliding second (${busiestWindow(taken, LIMITER.duration)} taken)`,
    );
    expect(span).toBeGreaterThanOrEqual(9_500);
    expect(busiest).toBeLessThanOrEqual(2 * LIMITER.max);
    expect(takenSpan).toBeGreaterThanOrEqual((WINDOWS - 1) * WINDOW.duration - CLOCK_SLACK_MS);
    expect(busiestWindow(taken, LIMITER.duration)).toBeLessThanOrEqual(TAKEN_MOST + CLOCK_SLACK_JOBS);
  });
});
