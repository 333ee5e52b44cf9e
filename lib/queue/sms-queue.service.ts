import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { SmsService, type SendSmsInput } from '../sms/sms.service';
import { newSendId } from '../sms/send-id';
import { ZixflowValidationError, type ZixflowFieldError } from '../errors/zixflow-validation.error';
import {
  ZIXFLOW_QUEUE_SMS_SERVICE,
  SMS_JOB_NAME,
  DEFAULT_ENQUEUE_CHUNK_SIZE,
} from './zixflow-queue.constants';
import type { SmsJobData } from './interfaces/sms-job.interface';
import type {
  EnqueueManyOptions,
  EnqueueManyResult,
  EnqueueSmsOptions,
  SmsQueueCounts,
} from './interfaces/enqueue-options.interface';
import { SmsJobQueue } from './sms-job.queue';

interface PreparedJob {
  name: string;
  data: SmsJobData;
  opts: JobsOptions;
}

/**
 * Enqueues SMS for the workers of the queue (`ZixflowQueueModule`), on any instance, `worker: false` ones
 * included. Inject it where ZixflowQueueModule is visible.
 */
@Injectable()
export class SmsQueue {
  /** @internal Nest's injector builds it: inject `SmsQueue`, never construct it. */
  constructor(
    @Inject(ZIXFLOW_QUEUE_SMS_SERVICE) private readonly sms: SmsService,
    private readonly jobs: SmsJobQueue,
  ) {}

  /**
   * Checks the SMS exactly as `SmsService.send` would (fields, recipient, DLT, compliance), then adds one job
   * and resolves with its id. Rejects with ZixflowValidationError, before anything reaches Redis, when the input
   * (or `jobId`) is invalid. The same `jobId` twice is one job and one SMS. A promotional SMS outside its window
   * (`dlt.promotionalWindow: 'defer'`) is delayed until the window opens.
   */
  async enqueue(input: SendSmsInput, options: EnqueueSmsOptions = {}): Promise<string> {
    const job = this.prepare(input, options.jobId, options);
    const added = await this.jobs.queue.add(job.name, job.data, job.opts);
    return added.id as string;
  }

  /**
   * Enqueues every valid item of `inputs` (an array, an iterable or an async iterable, read once, in order) in
   * chunks of `chunkSize` through BullMQ's `addBulk`, so memory stays bounded by a chunk. Invalid items are
   * reported by index and never reach Redis; the others are enqueued. Rejects (after the chunks already added)
   * when the input iterator or Redis fails.
   */
  async enqueueMany(
    inputs: Iterable<SendSmsInput> | AsyncIterable<SendSmsInput>,
    options: EnqueueManyOptions = {},
  ): Promise<EnqueueManyResult> {
    const chunkSize = options.chunkSize ?? DEFAULT_ENQUEUE_CHUNK_SIZE;
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
      throw new ZixflowValidationError([
        { field: 'chunkSize', reasons: ['chunkSize must be a positive integer'] },
      ]);
    }
    const result: EnqueueManyResult = { enqueued: 0, invalid: [] };
    let chunk: PreparedJob[] = [];
    let reportedInvalid = 0;
    const flush = async (): Promise<void> => {
      // The last flush after a full chunk has nothing to add; it reports only invalid items seen since.
      if (chunk.length === 0 && result.invalid.length === reportedInvalid) return;
      if (chunk.length > 0) await this.jobs.queue.addBulk(chunk);
      result.enqueued += chunk.length;
      chunk = [];
      reportedInvalid = result.invalid.length;
      options.onProgress?.({ enqueued: result.enqueued, invalid: result.invalid.length });
    };
    let index = 0;
    for await (const input of inputs) {
      try {
        chunk.push(this.prepare(input, options.jobId?.(input, index), {}));
      } catch (error) {
        if (!(error instanceof ZixflowValidationError)) throw error;
        result.invalid.push({ index, error });
      }
      index++;
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
    return result;
  }

  /** Jobs of the queue by state, across every instance. */
  async counts(): Promise<SmsQueueCounts> {
    const queue = this.jobs.queue;
    const [counts, paused] = await Promise.all([
      queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'),
      queue.isPaused(),
    ]);
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      prioritized: counts.prioritized ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      // BullMQ keeps a paused queue's jobs in its waiting list, flagged paused.
      paused: paused ? (counts.waiting ?? 0) + (counts.prioritized ?? 0) : 0,
    };
  }

  /** Validates (throws ZixflowValidationError) and builds one job; the sendId is fixed here, for good. */
  private prepare(input: SendSmsInput, jobId: string | undefined, options: EnqueueSmsOptions): PreparedJob {
    const optionErrors = jobOptionErrors(jobId, options);
    let windowDelay: number;
    try {
      windowDelay = this.sms.checkSend(input);
    } catch (error) {
      // One error listing every bad field, the input's and the job options' alike.
      if (!(error instanceof ZixflowValidationError) || optionErrors.length === 0) throw error;
      throw new ZixflowValidationError([...error.errors, ...optionErrors]);
    }
    if (optionErrors.length > 0) throw new ZixflowValidationError(optionErrors);
    const sendId = newSendId();
    const delay = Math.max(options.delay ?? 0, windowDelay);
    return {
      name: SMS_JOB_NAME,
      // A plain copy: a DTO instance's prototype never reaches Redis, only its fields.
      data: { input: { ...input }, sendId },
      opts: {
        jobId: jobId ?? sendId,
        ...(delay > 0 ? { delay } : {}),
        ...(options.priority !== undefined ? { priority: options.priority } : {}),
        // attempts, backoff, removeOnComplete and removeOnFail: the queue's defaultJobOptions (bullQueueOptions).
      },
    };
  }
}

/** BullMQ's limit on priorities. */
const MAX_PRIORITY = 2 ** 21;

/** What BullMQ would refuse (integer ids, ids with `:`, a bad delay or priority), as field errors. */
function jobOptionErrors(jobId: unknown, options: EnqueueSmsOptions): ZixflowFieldError[] {
  const errors: ZixflowFieldError[] = [];
  if (jobId !== undefined) {
    const reasons: string[] = [];
    if (typeof jobId !== 'string' || jobId === '') reasons.push('jobId must be a non-empty string');
    else {
      if (String(Number.parseInt(jobId, 10)) === jobId) reasons.push('jobId must not be an integer');
      if (jobId.includes(':')) reasons.push('jobId must not contain ":"');
    }
    if (reasons.length > 0) errors.push({ field: 'jobId', reasons });
  }
  const { delay, priority } = options;
  if (delay !== undefined && !(typeof delay === 'number' && Number.isFinite(delay) && delay >= 0)) {
    errors.push({ field: 'delay', reasons: ['delay must be a non-negative number of milliseconds'] });
  }
  if (
    priority !== undefined &&
    !(Number.isSafeInteger(priority) && priority >= 0 && priority <= MAX_PRIORITY)
  ) {
    errors.push({ field: 'priority', reasons: [`priority must be an integer from 0 to ${MAX_PRIORITY}`] });
  }
  return errors;
}
