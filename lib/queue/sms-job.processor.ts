import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { SmsService } from '../sms/sms.service';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowApiError } from '../errors/zixflow-api.error';
import { ZixflowRateLimitError } from '../errors/zixflow-rate-limit.error';
import { ZixflowNetworkError } from '../errors/zixflow-network.error';
import { ZixflowTimeoutError } from '../errors/zixflow-timeout.error';
import { ZixflowShuttingDownError } from '../errors/zixflow-shutting-down.error';
import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS, ZIXFLOW_QUEUE_SMS_SERVICE } from './zixflow-queue.constants';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';
import type { SmsJobData, SmsJobResult } from './interfaces/sms-job.interface';
import { SmsJobLedger } from './sms-job.ledger';
import { SmsJobQueue } from './sms-job.queue';
import { ZixflowQueueEvent } from './events/zixflow-queue-event';
import { SmsJobCompletedEvent } from './events/sms-job-completed.event';
import { SmsJobFailedEvent } from './events/sms-job-failed.event';
import { SmsJobUnknownEvent } from './events/sms-job-unknown.event';

/** BullMQ retries; the transport must not also retry (nor wait out a Retry-After) inside one attempt. */
const ONE_ATTEMPT = { maxAttempts: 1 } as const;

/**
 * Provably not sent, and worth another attempt: 429 without Retry-After, a network failure before the socket,
 * a 5xx the transport proves unprocessed. Validation, auth and other 4xx would fail again unchanged.
 */
function isRetryable(error: ZixflowError): boolean {
  if (error instanceof ZixflowRateLimitError) return true;
  if (error instanceof ZixflowNetworkError || error instanceof ZixflowTimeoutError) return true;
  return error instanceof ZixflowApiError && error.status >= 500;
}

/** What one job does, from its ledger entry to its result or the error BullMQ acts on. */
@Injectable()
export class SmsJobProcessor {
  private readonly logger = new Logger('ZixflowQueue');

  constructor(
    @Inject(ZIXFLOW_QUEUE_SMS_SERVICE) private readonly sms: SmsService,
    private readonly ledger: SmsJobLedger,
    private readonly jobs: SmsJobQueue,
    @Inject(ZIXFLOW_QUEUE_RESOLVED_OPTIONS) private readonly options: ZixflowQueueResolvedOptions,
  ) {}

  /**
   * Sends the job's SMS under its own sendId, unless the ledger says it was accepted already (its result is
   * returned) or that a send of it started and never ended (at-most-once: completes `unknown`). `stop` aborts
   * a send that has not reached the socket yet, at shutdown: the job then goes back to waiting.
   */
  async process(
    job: Job<SmsJobData, SmsJobResult>,
    token: string | undefined,
    stop: AbortSignal,
  ): Promise<SmsJobResult> {
    const jobId = job.id as string;
    const { input, sendId } = job.data;
    // Reads the entry and, only if there is none, writes `sending`: the common case in one round trip.
    const entry = await this.ledger.begin(jobId, sendId);
    if (entry?.state === 'queued') return this.completed(jobId, entry.sendId, entry.requestId);
    if (entry?.state === 'sending') {
      if (this.options.redelivery === 'at-most-once') {
        this.sms.recordUnknownOutcome(entry.sendId);
        return this.unknown(jobId, entry.sendId, 'redelivered');
      }
      // At-least-once sends again: its `sending` entry is written afresh (this job's sendId, a new TTL).
      await this.ledger.write(jobId, { state: 'sending', sendId });
    }
    let requestId: string;
    try {
      ({ requestId } = await this.sms.sendAs(sendId, input, { retry: ONE_ATTEMPT, signal: stop }));
    } catch (error) {
      return this.afterFailure(job, token, error, stop);
    }
    try {
      await this.ledger.write(jobId, { state: 'queued', sendId, requestId });
    } catch (error) {
      // The job's own completion below still records the result; only a redelivery would miss it (and end unknown).
      this.logger.warn(`Could not record job ${jobId} as queued in its ledger: ${String(error)}`);
    }
    return this.completed(jobId, sendId, requestId);
  }

  private async afterFailure(
    job: Job<SmsJobData, SmsJobResult>,
    token: string | undefined,
    error: unknown,
    stop: AbortSignal,
  ): Promise<SmsJobResult> {
    const jobId = job.id as string;
    const { sendId } = job.data;
    if (!(error instanceof ZixflowError) || error.outcome === 'unknown') {
      // SmsService records its own unknown outcomes; anything else thrown during a send is unknown too.
      if (!(error instanceof ZixflowError)) this.sms.recordUnknownOutcome(sendId);
      return this.unknown(jobId, sendId, 'send');
    }
    await this.ledger.clear(jobId);
    if (error instanceof ZixflowShuttingDownError || (error instanceof ZixflowAbortedError && stop.aborted)) {
      // Nothing went out and this instance is closing: back to waiting, no attempt spent.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    if (error instanceof ZixflowRateLimitError && error.retryAfterMs !== undefined) {
      // The whole queue waits, on every worker: BullMQ's rate-limit key (queue.rateLimit; worker.rateLimit is
      // deprecated in bullmq 6), then RateLimitError hands this job back to waiting without spending an attempt.
      await this.jobs.queue.rateLimit(error.retryAfterMs);
      this.emitFailed(job, error, false);
      throw Worker.RateLimitError();
    }
    if (isRetryable(error)) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.emitFailed(job, error, final);
      throw withCode(new Error(error.message), error);
    }
    this.emitFailed(job, error, true);
    throw withCode(new UnrecoverableError(error.message), error);
  }

  // Each event is built only when someone listens: with nobody, publishing it does nothing.
  private completed(jobId: string, sendId: string, requestId: string): SmsJobResult {
    if (this.sms.publishes(ZixflowQueueEvent.Completed)) {
      this.sms.publish(ZixflowQueueEvent.Completed, new SmsJobCompletedEvent(jobId, requestId, sendId));
    }
    return { outcome: 'queued', requestId, sendId };
  }

  private unknown(jobId: string, sendId: string, reason: 'send' | 'redelivered'): SmsJobResult {
    if (this.sms.publishes(ZixflowQueueEvent.Unknown)) {
      this.sms.publish(ZixflowQueueEvent.Unknown, new SmsJobUnknownEvent(jobId, sendId, reason));
    }
    return { outcome: 'unknown', sendId };
  }

  private emitFailed(job: Job<SmsJobData, SmsJobResult>, error: ZixflowError, final: boolean): void {
    if (!this.sms.publishes(ZixflowQueueEvent.Failed)) return;
    this.sms.publish(
      ZixflowQueueEvent.Failed,
      new SmsJobFailedEvent(
        job.id as string,
        error.code,
        error.outcome,
        job.attemptsMade + 1,
        final,
        job.data.sendId,
      ),
    );
  }
}

/** The job's failedReason starts with the code (`AUTH: ...`), so it reads the same in any dashboard. */
function withCode<E extends Error>(target: E, error: ZixflowError): E {
  target.message = `${error.code}: ${error.message}`;
  return target;
}
