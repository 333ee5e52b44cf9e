import type { SendSmsInput } from '../../sms/sms.service';
import type { ZixflowValidationError } from '../../errors/zixflow-validation.error';

/** Options of `SmsQueue.enqueue`. */
export interface EnqueueSmsOptions {
  /**
   * The job's id: enqueueing the same id again adds nothing and sends nothing more. Not an integer, no `:`.
   * Default: the send's `sendId`.
   */
  jobId?: string;
  /** Wait this many ms before the job may be processed. */
  delay?: number;
  /** BullMQ priority: 1 is the highest; jobs without one go first. */
  priority?: number;
}

/** Progress of an `enqueueMany` call, after each chunk. */
export interface EnqueueManyProgress {
  /** Items added to the queue so far (an item whose job id already existed counts too). */
  enqueued: number;
  /** Items rejected so far. */
  invalid: number;
}

/** Options of `SmsQueue.enqueueMany`. */
export interface EnqueueManyOptions {
  /** Items validated and added per `addBulk` call, which bounds memory. Default 500. */
  chunkSize?: number;
  /** The job id of an item (see `EnqueueSmsOptions.jobId`); undefined: its `sendId`. */
  jobId?: (input: SendSmsInput, index: number) => string | undefined;
  /** Called after each chunk is in the queue. */
  onProgress?: (progress: EnqueueManyProgress) => void;
}

/** One item `enqueueMany` rejected. */
export interface EnqueueManyInvalidItem {
  /** Its position in the input, from 0. */
  index: number;
  /** Why, field by field. */
  error: ZixflowValidationError;
}

/** What `enqueueMany` did. */
export interface EnqueueManyResult {
  /** Items added to the queue. */
  enqueued: number;
  /** Items rejected, by index; nothing of them entered Redis. */
  invalid: EnqueueManyInvalidItem[];
}

/** Jobs of the queue by state (BullMQ's `getJobCounts`). */
export interface SmsQueueCounts {
  /** Waiting for a worker. */
  waiting: number;
  /** Being processed. */
  active: number;
  /** Waiting for their delay (or a retry backoff) to pass. */
  delayed: number;
  /** Waiting, with a priority. */
  prioritized: number;
  /** Completed (`queued` or `unknown`), as long as BullMQ keeps them. */
  completed: number;
  /** Failed for good, as long as BullMQ keeps them. */
  failed: number;
  /** Waiting (with or without a priority) while the queue is paused; also counted in `waiting` and `prioritized`. */
  paused: number;
}
