/** Resolved options of ZixflowQueueModule (defaults filled in, checked). */
export const ZIXFLOW_QUEUE_RESOLVED_OPTIONS = 'ZIXFLOW_QUEUE_RESOLVED_OPTIONS';

/** The SmsService the queue validates and sends with: the unnamed one, or the `workspace` instance's. */
export const ZIXFLOW_QUEUE_SMS_SERVICE = 'ZIXFLOW_QUEUE_SMS_SERVICE';

/** The top-level `queueName` of forRoot / forRootAsync, as given (undefined: the default). */
export const ZIXFLOW_QUEUE_NAME = 'ZIXFLOW_QUEUE_NAME';

/** The registration's BullMQ Queue: an alias of `getQueueToken(queueName)`, whose name only the module knows. */
export const ZIXFLOW_QUEUE_BULL_QUEUE = 'ZIXFLOW_QUEUE_BULL_QUEUE';

/** Name of every job the module adds. */
export const SMS_JOB_NAME = 'sms';

export const DEFAULT_QUEUE_NAME = 'zixflow-sms';
export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF = { type: 'exponential', delay: 1000 } as const;
export const DEFAULT_LEDGER_TTL_MS = 48 * 60 * 60 * 1000;
export const DEFAULT_LOCK_DURATION_MS = 30_000;
export const DEFAULT_REMOVE_ON_COMPLETE = { age: 24 * 60 * 60 };
export const DEFAULT_REMOVE_ON_FAIL = { age: 7 * 24 * 60 * 60 };
export const DEFAULT_ENQUEUE_CHUNK_SIZE = 500;
/** BullMQ's own default key prefix. */
export const DEFAULT_PREFIX = 'bull';
