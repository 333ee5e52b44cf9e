import { until } from '../utils/until';
import { useTestSimulator } from '../utils/zixflow-test-app';
import { jobId, markerOf, useQueueRun } from './queue-run';

const JOBS = 5_000;
/** The kill comes once this many sends reached the simulator: mid-run, with jobs in flight on every worker. */
const KILL_AFTER_SENDS = 1_500;
/** The victim's sends carry a sender id of their own, so the test sees when one of them is under way. */
const VICTIM_SENDER = 'VICTIM';
/** Short, so BullMQ hands the killed worker's jobs out again within seconds (default 30 s). */
const LOCK_DURATION_MS = 2_000;
/**
 * Each send stays this long at the simulator between its body being read and its answer. Longer than POLL_MS:
 * a victim's send seen unanswered by one poll is still unanswered when the kill follows in the same turn.
 */
const LATENCY_MS = 10;
const POLL_MS = 2;

jest.setTimeout(300_000);

/**
 * A worker process killed with SIGKILL mid-campaign (a crash, an OOM kill), then restarted: BullMQ hands its
 * jobs out again, and the ledger keeps any whose send had started from being sent again (at-most-once, the
 * default): they end `unknown`, to be settled by their postback. Counted at the simulator by the marker in
 * each job's text.
 */
describe('a worker process killed mid-run and restarted', () => {
  const simulator = useTestSimulator();
  const run = useQueueRun(simulator, 'crash');

  const victimSendUnderWay = (): boolean =>
    simulator.requests.some(
      (request) =>
        request.response === undefined &&
        (request.body as { sender_id?: unknown } | undefined)?.sender_id === VICTIM_SENDER,
    );

  it(`${JOBS} jobs: none lost, none sent twice, every one completed, failed or unknown`, async () => {
    const options = { lockDurationMs: LOCK_DURATION_MS };
    simulator.setDefaultLatency(LATENCY_MS);
    const victimSends = { defaults: { senderId: VICTIM_SENDER, route: 'transactional' as const } };
    const [, victim] = await Promise.all([
      run.startWorker('a', options),
      run.startWorker('b', options, victimSends),
      run.startWorker('c', options),
    ]);
    await run.enqueue(JOBS);
    await until(() => simulator.sends.length >= KILL_AFTER_SENDS, POLL_MS);
    // Killed while the simulator holds a send of its own, read and not answered yet: the SMS is under way, so
    // that job cannot end queued (the killed worker never saw the answer) and must not be sent again.
    await until(victimSendUnderWay, POLL_MS);
    await victim.kill();
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const sentBeforeKill = simulator.sends.length;
    await run.startWorker('b-restarted', options);
    await run.settled(JOBS);

    const ends = await run.jobEnds();
    expect(ends).toHaveLength(JOBS);
    expect(new Set(ends.map((end) => end.id))).toEqual(
      new Set(Array.from({ length: JOBS }, (_, i) => jobId(i))),
    );
    expect(ends.filter((end) => end.state !== 'completed' && end.state !== 'failed')).toEqual([]);

    // Every request the simulator accepted, by job (a killed worker's request still counts: the SMS went out).
    const sends = new Map<string, string[]>();
    for (const send of simulator.sends) {
      const id = jobId(markerOf(send));
      sends.set(id, [...(sends.get(id) ?? []), send.requestId as string]);
    }
    expect([...sends.entries()].filter(([, requestIds]) => requestIds.length > 1)).toEqual([]);

    const queued = ends.filter((end) => end.result?.outcome === 'queued');
    const unknown = ends.filter((end) => end.state === 'completed' && end.result?.outcome === 'unknown');
    const failed = ends.filter((end) => end.state === 'failed');
    console.log(
      `crash: killed after ${sentBeforeKill} sends; ${queued.length} queued, ${unknown.length} unknown, ` +
        `${failed.length} failed (${failed.map((end) => end.failedReason).join('; ')}); ` +
        `${simulator.sends.length} sends at the simulator`,
    );
    // A queued job names the one request the simulator accepted for it.
    expect(
      queued.filter((end) => sends.get(end.id)?.[0] !== (end.result as { requestId: string }).requestId),
    ).toEqual([]);
    // The killed worker had sends under way: those jobs were handed out again and ended unknown, each one
    // announced by the worker that took it over, and each sent at most once (checked above).
    const unknownEvents = run.events.filter((event) => event.name === 'zixflow.queue.unknown');
    expect(new Set(unknownEvents.map((event) => event.payload.jobId))).toEqual(
      new Set(unknown.map((end) => end.id)),
    );
    expect(unknownEvents.filter((event) => event.payload.reason === 'redelivered').length).toBeGreaterThan(0);
    // No fault was injected: the only way to fail here is BullMQ giving up a job that stalled more than once
    // (a lock not renewed in time on a busy machine), which is allowed, never a send error.
    expect(failed.filter((end) => !/stalled/i.test(end.failedReason ?? ''))).toEqual([]);
  });
});
