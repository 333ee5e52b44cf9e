import { ZixflowAbortedError } from '../../errors/zixflow-aborted.error';
import { ZixflowError } from '../../errors/zixflow.error';
import { ZixflowValidationError } from '../../errors/zixflow-validation.error';
import { maskRecipient } from '../../utils/redact';
import type { SendOptions } from '../interfaces/send-options.interface';
import type { SmsSendResult } from '../interfaces/sms-send-result.interface';
import { resolveBulkConcurrency } from './bulk-concurrency';
import { isPromiseLike } from '../../utils/is-promise-like';
import { openBulkInput, type BulkInput } from './bulk-input-iterator';
import { bulkInputTotal } from './bulk-input-total';
import type { BulkSendItemResult } from './bulk-send-item-result.type';
import type { BulkSendOptions } from './bulk-send-options.interface';

/** Sends one item; SmsService.send for SMS. */
export type BulkSendOne<I> = (input: I, options: SendOptions) => Promise<SmsSendResult>;

function maskedRecipientOf(input: unknown): string | undefined {
  const recipient =
    input !== null && typeof input === 'object' ? (input as { recipient?: unknown }).recipient : undefined;
  return typeof recipient === 'string' ? maskRecipient(recipient) : undefined;
}

/**
 * One bulk run: pulls items only when a send slot is free and fewer than `concurrency` results wait for the
 * consumer, so memory stays bounded whatever the input's size. Read it once through `results()`.
 */
export class BulkSendRun<I> {
  private readonly concurrency: number;
  private readonly sendOptions: SendOptions;
  /** One controller per send in flight, aborted with the caller's signal. */
  private readonly controllers = new Set<AbortController>();
  private readonly total: number | undefined;
  private readonly counts = { sent: 0, failed: 0, invalid: 0 };
  private readonly ready: BulkSendItemResult[] = [];
  private readonly active = new Set<Promise<void>>();
  private iterator: Iterator<I> | AsyncIterator<I> | undefined;
  private pendingPull: Promise<void> | undefined;
  private nextIndex = 0;
  /** The input said done, or threw: either way it must not be pulled or `return()`ed again. */
  private inputOver = false;
  private aborted = false;
  /** The consumer stopped reading (break, throw, or the run ended). */
  private closed = false;
  /** A caller bug (input, onProgress) or an untyped error from a send: ends the run, rethrown at the end. */
  private fatal: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private readonly onAbort = (): void => {
    this.aborted = true;
    for (const controller of this.controllers) controller.abort(this.options.signal?.reason);
    this.notify();
  };

  constructor(
    private readonly inputs: BulkInput<I>,
    private readonly sendOne: BulkSendOne<I>,
    private readonly options: BulkSendOptions,
  ) {
    this.concurrency = resolveBulkConcurrency(options.concurrency);
    const { timeoutMs, retry } = options;
    this.sendOptions = { timeoutMs, retry };
    this.total = bulkInputTotal(inputs);
  }

  /**
   * Yields each item's result as it settles. Ends once the input is exhausted and every send settled; after an
   * abort, yields what settled and throws ZixflowAbortedError; after an input error, yields what settled and
   * rethrows it. Leaving early (break) stops pulling, calls the input's `return()` and waits for sends in flight.
   */
  async *results(): AsyncGenerator<BulkSendItemResult, void, undefined> {
    const signal = this.options.signal;
    try {
      this.iterator = openBulkInput(this.inputs);
      if (signal?.aborted) this.aborted = true;
      else signal?.addEventListener('abort', this.onAbort, { once: true });
      this.pump();
      for (;;) {
        const result = this.ready.shift();
        if (result !== undefined) {
          yield result;
          // Consuming makes room under the backpressure limit.
          this.pump();
          continue;
        }
        if (this.finished) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    } finally {
      this.closed = true;
      signal?.removeEventListener('abort', this.onAbort);
      // Tasks never reject; waiting means no send of this run outlives it.
      await Promise.all([...this.active]);
      await this.closeInput();
    }
    if (this.fatal) throw this.fatal.error;
    if (this.aborted) throw new ZixflowAbortedError('not_sent');
  }

  private get stopping(): boolean {
    return this.aborted || this.closed || this.fatal !== undefined;
  }

  private get finished(): boolean {
    return this.ready.length === 0 && this.active.size === 0 && (this.inputOver || this.stopping);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Starts sends while there is a free slot and room for their results. */
  private pump(): void {
    while (
      this.iterator !== undefined &&
      this.pendingPull === undefined &&
      !this.inputOver &&
      !this.stopping &&
      this.active.size < this.concurrency &&
      this.ready.length <= this.concurrency
    ) {
      let step: IteratorResult<I> | PromiseLike<IteratorResult<I>>;
      try {
        step = this.iterator.next();
      } catch (error) {
        this.inputFailed(error);
        return;
      }
      if (!isPromiseLike(step)) {
        this.accept(step);
        continue;
      }
      this.pendingPull = Promise.resolve(step).then(
        (resolved) => {
          this.pendingPull = undefined;
          this.accept(resolved);
          this.pump();
          this.notify();
        },
        (error: unknown) => {
          this.pendingPull = undefined;
          this.inputFailed(error);
        },
      );
      return;
    }
  }

  private accept(step: IteratorResult<I>): void {
    if (step.done) {
      this.inputOver = true;
      return;
    }
    // Pulled while a pending next() raced an abort or a break: not started, so not sent and not reported.
    if (this.stopping) return;
    this.start(step.value, this.nextIndex++);
  }

  private start(input: I, index: number): void {
    const recipient = maskedRecipientOf(input);
    // Aborting the run aborts every send in flight. Each gets its own signal rather than the caller's: a few
    // listeners per send on one shared signal would pass Node's limit (MaxListenersExceededWarning) at once.
    const controller = this.options.signal ? new AbortController() : undefined;
    if (controller) this.controllers.add(controller);
    let sending: Promise<SmsSendResult>;
    try {
      sending = this.sendOne(
        input,
        controller ? { ...this.sendOptions, signal: controller.signal } : this.sendOptions,
      );
    } catch (error) {
      sending = Promise.reject(error);
    }
    const task: Promise<void> = sending
      .then(
        (sent) =>
          this.record({ index, status: 'queued', requestId: sent.requestId, sendId: sent.sendId, recipient }),
        (error: unknown) => this.recordError(index, error, recipient),
      )
      .then(() => {
        if (controller) this.controllers.delete(controller);
        this.active.delete(task);
        this.pump();
        this.notify();
      });
    this.active.add(task);
  }

  private recordError(index: number, error: unknown, recipient: string | undefined): void {
    if (error instanceof ZixflowValidationError) {
      this.record({ index, status: 'invalid', error, recipient });
    } else if (error instanceof ZixflowError) {
      this.record({ index, status: 'failed', error, recipient });
    } else {
      // Not one of ours: a bug, not a per-item outcome. Surface it instead of hiding it in a result.
      this.fatal ??= { error };
    }
  }

  private record(result: BulkSendItemResult): void {
    if (result.status === 'queued') this.counts.sent++;
    else if (result.status === 'invalid') this.counts.invalid++;
    else this.counts.failed++;
    if (!this.closed) this.ready.push(result);
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    try {
      onProgress(this.total === undefined ? { ...this.counts } : { ...this.counts, total: this.total });
    } catch (error) {
      this.fatal ??= { error };
    }
  }

  private inputFailed(error: unknown): void {
    // An iterator that threw is finished (as for-await treats it): no return() call.
    this.inputOver = true;
    this.fatal ??= { error };
    this.notify();
  }

  /** Calls the input's return() unless it finished on its own, as for-await does on an early exit. */
  private async closeInput(): Promise<void> {
    const iterator = this.iterator;
    if (!iterator || this.inputOver || typeof iterator.return !== 'function') return;
    this.inputOver = true;
    if (this.pendingPull) {
      // A source stuck in next() must not hang the caller: close it once that next() settles, in the background.
      this.pendingPull.then(() => iterator.return?.()).catch(() => undefined);
      return;
    }
    try {
      await iterator.return();
    } catch (error) {
      if (!this.fatal) throw error;
    }
  }
}
