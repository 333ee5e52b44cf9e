import { until } from '../utils/until';
import { useTestSimulator } from '../utils/zixflow-test-app';
import { jobId, markerOf, sendsPerJob, useQueueRun, type QueueRun } from './queue-run';

const ACTIVE = 200;
const JOBS = 2 * ACTIVE;
/** The transport's default `http.connections`: that many of the active jobs' sends are on the wire at once. */
const CONNECTIONS = 64;

jest.setTimeout(180_000);

/**
 * `app.close()` on a worker process with 200 jobs active (concurrency 200; each send held at the simulator by
 * its latency, 64 at a time on the transport's default connections, the others waiting for one). Times come
 * from one clock (the same machine): the child's `Date.now()` around app.close() and the simulator's records.
 * Nothing here bounds how long anything takes; the order of events says what happened.
 */
describe('app.close() on a worker with 200 jobs active', () => {
  const simulator = useTestSimulator();

  /** Waits until BullMQ counts `ACTIVE` jobs active and the simulator holds `CONNECTIONS` sends unanswered. */
  const busy = (run: QueueRun): Promise<void> =>
    until(async () => {
      const unanswered = simulator.requests.filter((request) => request.response === undefined).length;
      return unanswered >= CONNECTIONS && (await run.counts()).active >= ACTIVE;
    });

  describe('when the active jobs finish within shutdownTimeoutMs', () => {
    const run = useQueueRun(simulator, 'shutdown-graceful');

    it('takes no new job, lets the active ones finish, then exits; the rest complete on another worker', async () => {
      // Long enough that none of the first sends is answered before close is called.
      simulator.setDefaultLatency(2_000);
      await run.enqueue(JOBS);
      // ZixflowModule bounds the sends in flight at close by its own shutdownTimeoutMs (default 10 s): past
      // it they are aborted and their jobs end unknown. Both bounds are raised, so the jobs can finish.
      const worker = await run.startWorker(
        'a',
        { concurrency: ACTIVE, shutdownTimeoutMs: 120_000 },
        { shutdownTimeoutMs: 120_000 },
      );
      await busy(run);

      const { closedAt } = await worker.close();
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      // The 200 active jobs were sent and answered before close resolved, and no other job was taken.
      const requests = simulator.requests;
      expect(requests).toHaveLength(ACTIVE);
      expect(requests.filter((request) => !(request.response!.answeredAt.getTime() <= closedAt))).toEqual([]);
      expect(await run.counts()).toMatchObject({ completed: ACTIVE, waiting: ACTIVE, active: 0, failed: 0 });

      simulator.setDefaultLatency(0);
      await run.startWorker('b');
      await run.settled(JOBS);
      const ends = await run.jobEnds();
      expect(ends.filter((end) => end.state !== 'completed' || end.result?.outcome !== 'queued')).toEqual([]);
      expect(ends).toHaveLength(JOBS);
      const perJob = sendsPerJob(simulator.sends);
      expect(perJob.size).toBe(JOBS);
      expect([...perJob.values()].every((count) => count === 1)).toBe(true);
    });
  });

  describe('when they outlast shutdownTimeoutMs', () => {
    const run = useQueueRun(simulator, 'shutdown-bounded');
    const SHUTDOWN_TIMEOUT_MS = 1_000;
    /** Much longer than the bound: close cannot wait for these answers and still honour it. */
    const LATENCY_MS = 6_000;
    /** Short, so jobs left active by the closed worker are handed out again within seconds. */
    const LOCK_DURATION_MS = 2_000;

    it('resolves after the bound with sends unanswered; none lost, none sent twice, unsent ones sent later', async () => {
      simulator.setDefaultLatency(LATENCY_MS);
      const options = {
        concurrency: ACTIVE,
        shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS,
        lockDurationMs: LOCK_DURATION_MS,
      };
      await run.enqueue(JOBS);
      const worker = await run.startWorker('a', options);
      await busy(run);

      const { closingAt, closedAt } = await worker.close();
      // It waited for the active jobs as long as it was allowed to (1 ms: both ends are whole milliseconds)...
      expect(closedAt - closingAt).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 1);
      // ...and no longer: the simulator had answered none of the sends on the wire when close resolved.
      const held = simulator.requests;
      expect(held).toHaveLength(CONNECTIONS);
      expect(
        held.filter(
          (request) => request.response !== undefined && request.response.answeredAt.getTime() <= closedAt,
        ),
      ).toEqual([]);
      expect(await worker.exited).toEqual({ code: 0, signal: null });

      // The held requests are answered (to nobody); the jobs left unfinished go to a new worker.
      simulator.setDefaultLatency(0);
      await run.startWorker('b', { lockDurationMs: LOCK_DURATION_MS });
      await run.settled(JOBS);
      await until(() => simulator.requests.every((request) => request.response !== undefined), 50);

      const ends = await run.jobEnds();
      expect(ends).toHaveLength(JOBS);
      expect(ends.filter((end) => end.state !== 'completed')).toEqual([]);
      const perJob = sendsPerJob(simulator.sends);
      expect(perJob.size).toBe(JOBS);
      expect([...perJob.values()].every((count) => count === 1)).toBe(true);
      // The jobs whose send was on the wire may have gone out: unknown, never sent again (at-most-once)...
      const heldJobs = new Set(held.map((request) => jobId(markerOf(request))));
      const unknown = ends.filter((end) => end.result?.outcome === 'unknown').map((end) => end.id);
      expect(new Set(unknown)).toEqual(heldJobs);
      // ...and the active ones still waiting for a connection were handed back and sent once by the new worker.
      expect(ends.filter((end) => !heldJobs.has(end.id) && end.result?.outcome !== 'queued')).toEqual([]);
    });
  });
});
