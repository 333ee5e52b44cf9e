import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedPostback } from './interfaces/recorded-postback.interface';
import type { SimulatedMessage } from './interfaces/simulated-message.interface';
import { pauseUnlessAborted } from './cancellable-pause';
import { isLoopbackHost } from './loopback-guard';
import { nanosecondTimestamp } from './nanosecond-timestamp';
import { buildPostbackBody } from './postback-body';
import { deliverPostback } from './postback-delivery';
import type { ResolvedPostbackScenario } from './postback-scenario';
import { shouldRetryPostback } from './postback-retry';
import { SIMULATOR_POSTBACK_TIMEOUT_MS } from './simulator.constants';
import type { SimulatorRecorder } from './simulator-recorder';

/** Cancels the simulator's pending work; every pause listens to it, so it carries many listeners on purpose. */
function newWorkController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/**
 * The simulator's background work: moves accepted messages through their scenario and POSTs their postbacks.
 * Everything runs under one abort signal, which `cancel()` and `abort()` fire (reset and stop).
 */
export class SimulatorPostbackScheduler {
  private work = newWorkController();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly workspaceId: string,
    private readonly recorder: SimulatorRecorder,
    /** Waits before each retry of a postback answered 5xx; empty: no retry. */
    private readonly retryDelaysMs: readonly number[] = [],
  ) {}

  /** Signal of the current work: request handlers pause on it too, so stop and reset end their waits. */
  get signal(): AbortSignal {
    return this.work.signal;
  }

  /** Cancels everything scheduled so far; work scheduled afterwards runs. */
  cancel(): void {
    this.work.abort();
    this.work = newWorkController();
  }

  /** Cancels everything scheduled so far, and later work too until `resume()` (stop). */
  abort(): void {
    this.work.abort();
  }

  /** After `abort()`: lets new work run again (start after stop). */
  resume(): void {
    if (this.work.signal.aborted) {
      this.work = newWorkController();
    }
  }

  /** Resolves once every task scheduled so far has finished or given up. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** Advances `message` through `scenario` in the background. */
  schedule(message: SimulatedMessage, scenario: ResolvedPostbackScenario): void {
    this.track(this.runLifecycle(message, scenario, this.work.signal));
  }

  /** POSTs `body` once to `url` in the background; the attempt is recorded either way. */
  send(url: string, body: string): Promise<RecordedPostback> {
    const attempt = this.postOnce(url, body, undefined, this.work.signal);
    this.track(attempt.then(() => undefined));
    return attempt;
  }

  /** @throws when work is still pending after `timeoutMs`. */
  async flush(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const remaining = deadline - Date.now();
      const timer = new AbortController();
      const timedOut =
        remaining > 0 ? sleep(remaining, true, { signal: timer.signal }).catch(() => false) : true;
      const expired = await Promise.race([this.settled().then(() => false), timedOut]);
      timer.abort();
      if (expired) {
        throw new Error(
          `flushPostbacks: ${this.pending.size} background task(s) (status changes or postbacks) still pending after ${timeoutMs} ms`,
        );
      }
    }
  }

  private track(task: Promise<void>): void {
    const tracked = task
      .catch((error: unknown) => console.warn('ZixflowSimulator: background task failed', error))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Advances the message through its scenario and sends its postbacks, one at a time per message. */
  private async runLifecycle(
    message: SimulatedMessage,
    scenario: ResolvedPostbackScenario,
    signal: AbortSignal,
  ): Promise<void> {
    const url = message.postBackUrl;
    const held: string[] = [];
    let deliveries = Promise.resolve();
    const enqueue = (body: string): void => {
      deliveries = deliveries.then(() =>
        this.deliverCopies(url ?? '', body, message.requestId, scenario, signal),
      );
    };
    try {
      for (const step of scenario.steps) {
        if (!(await pauseUnlessAborted(scenario.delayMs, signal))) return;
        message.status = step.status;
        message.remark = step.remark;
        message.statusAt = nanosecondTimestamp();
        if (url === undefined) continue;
        const body = buildPostbackBody({
          workspaceId: this.workspaceId,
          messageId: message.messageId,
          requestId: message.requestId,
          channel: message.channel,
          recipient: message.recipient,
          status: message.status,
          remark: message.remark,
          statusAt: message.statusAt,
          postBackData: message.postBackData,
        });
        if (scenario.reorder) {
          held.unshift(body);
        } else {
          enqueue(body);
        }
      }
      held.forEach(enqueue);
    } finally {
      await deliveries;
    }
  }

  private async deliverCopies(
    url: string,
    body: string,
    requestId: string,
    scenario: ResolvedPostbackScenario,
    signal: AbortSignal,
  ): Promise<void> {
    for (let copy = 0; copy <= scenario.duplicates && !signal.aborted; copy++) {
      await this.postWithRetries(url, body, requestId, signal);
    }
  }

  /** Posts, and again after each delay while the receiver answers 5xx, as Zixflow retries. */
  private async postWithRetries(
    url: string,
    body: string,
    requestId: string,
    signal: AbortSignal,
  ): Promise<void> {
    let record = await this.postOnce(url, body, requestId, signal);
    for (const [index, delayMs] of this.retryDelaysMs.entries()) {
      if (!shouldRetryPostback(record.status)) return;
      if (!(await pauseUnlessAborted(delayMs, signal))) return;
      record = await this.postOnce(url, body, requestId, signal, index + 2);
    }
  }

  private async postOnce(
    url: string,
    body: string,
    requestId: string | undefined,
    signal: AbortSignal,
    attempt = 1,
  ): Promise<RecordedPostback> {
    const record: RecordedPostback =
      requestId === undefined ? { url, body, attempt } : { url, body, requestId, attempt };
    this.recorder.postback(record);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      record.error = 'invalid URL';
      return record;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      record.error = `unsupported protocol ${target.protocol}`;
      return record;
    }
    if (!isLoopbackHost(target.hostname)) {
      // A test double must never reach out to the network, whatever URL the code under test sent.
      record.refused = true;
      record.error = `refused: ${target.hostname} is not a loopback host`;
      return record;
    }
    Object.assign(
      record,
      await deliverPostback(target, body, { signal, timeoutMs: SIMULATOR_POSTBACK_TIMEOUT_MS }),
    );
    return record;
  }
}
