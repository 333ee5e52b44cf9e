import type { BackoffOptions, ConnectionOptions, KeepJobs } from 'bullmq';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import type {
  ZixflowQueueLimiter,
  ZixflowQueueModuleOptions,
  ZixflowQueueRedelivery,
} from './interfaces/zixflow-queue-module-options.interface';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF,
  DEFAULT_CONCURRENCY,
  DEFAULT_LEDGER_TTL_MS,
  DEFAULT_LOCK_DURATION_MS,
  DEFAULT_PREFIX,
  DEFAULT_QUEUE_NAME,
  DEFAULT_REMOVE_ON_COMPLETE,
  DEFAULT_REMOVE_ON_FAIL,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
} from './zixflow-queue.constants';

/** ZixflowQueueModuleOptions with every default filled in. */
export interface ZixflowQueueResolvedOptions {
  connection: ConnectionOptions;
  queueName: string;
  prefix: string;
  limiter: ZixflowQueueLimiter | undefined;
  concurrency: number;
  worker: boolean;
  shutdownTimeoutMs: number;
  redelivery: ZixflowQueueRedelivery;
  attempts: number;
  backoff: BackoffOptions;
  ledgerTtlMs: number;
  lockDurationMs: number;
  removeOnComplete: boolean | number | KeepJobs;
  removeOnFail: boolean | number | KeepJobs;
  fastPaths: { batchedLedger: boolean };
}

const isPositiveInteger = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) > 0;

/**
 * Fills in the defaults and checks every option, naming each bad one (thrown at boot). `queueName` is the
 * top-level one of forRoot / forRootAsync (undefined: the default).
 */
export function resolveQueueOptions(
  options: ZixflowQueueModuleOptions,
  queueName: string = DEFAULT_QUEUE_NAME,
): ZixflowQueueResolvedOptions {
  const problems: string[] = [];
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!isPositiveInteger(value)) problems.push(`${name} must be a positive integer`);
    return value;
  };
  if (options === null || typeof options !== 'object') {
    throw new ZixflowConfigError(['ZixflowQueueModule options are required']);
  }
  if (options.connection === null || typeof options.connection !== 'object') {
    problems.push(
      'connection is required: BullMQ connection options ({ host, port } or { url }) or a client',
    );
  }
  // forRoot takes `queueName` off the options; only an async factory's result can still hold it.
  if ((options as { queueName?: unknown }).queueName !== undefined) {
    problems.push(
      'queueName must be passed at the top level of forRootAsync({ queueName, useFactory }), not in the factory ' +
        "result: the queue's token (getQueueToken(queueName)) is made before the factory runs",
    );
  }
  if (typeof queueName !== 'string' || queueName === '' || queueName.includes(':')) {
    problems.push('queueName must be a non-empty string without ":"');
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || prefix === '') problems.push('prefix must be a non-empty string');
  if (options.limiter !== undefined) {
    if (!isPositiveInteger(options.limiter?.max) || !isPositiveInteger(options.limiter?.duration)) {
      problems.push('limiter must be { max, duration } with positive integers');
    }
    if (options.limiter?.spread !== undefined && typeof options.limiter.spread !== 'boolean') {
      problems.push('limiter.spread must be a boolean');
    }
  }
  const redelivery = options.redelivery ?? 'at-most-once';
  if (redelivery !== 'at-most-once' && redelivery !== 'at-least-once') {
    problems.push(`redelivery must be 'at-most-once' or 'at-least-once'`);
  }
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  if (!Number.isFinite(shutdownTimeoutMs) || shutdownTimeoutMs < 0) {
    problems.push('shutdownTimeoutMs must be a non-negative number of milliseconds');
  }
  const batchedLedger = options.fastPaths?.batchedLedger ?? true;
  if (
    options.fastPaths !== undefined &&
    (options.fastPaths === null || typeof options.fastPaths !== 'object')
  ) {
    problems.push('fastPaths must be an object');
  } else if (typeof batchedLedger !== 'boolean') {
    problems.push('fastPaths.batchedLedger must be a boolean');
  }
  const resolved: ZixflowQueueResolvedOptions = {
    connection: options.connection,
    queueName,
    prefix,
    limiter: options.limiter,
    concurrency: positive('concurrency', options.concurrency, DEFAULT_CONCURRENCY),
    worker: options.worker ?? true,
    shutdownTimeoutMs,
    redelivery,
    attempts: positive('attempts', options.attempts, DEFAULT_ATTEMPTS),
    backoff: options.backoff ?? { ...DEFAULT_BACKOFF },
    ledgerTtlMs: positive('ledgerTtlMs', options.ledgerTtlMs, DEFAULT_LEDGER_TTL_MS),
    lockDurationMs: positive('lockDurationMs', options.lockDurationMs, DEFAULT_LOCK_DURATION_MS),
    removeOnComplete: options.removeOnComplete ?? DEFAULT_REMOVE_ON_COMPLETE,
    removeOnFail: options.removeOnFail ?? DEFAULT_REMOVE_ON_FAIL,
    fastPaths: { batchedLedger },
  };
  if (problems.length > 0) {
    throw new ZixflowConfigError(problems.map((problem) => `ZixflowQueueModule: ${problem}`));
  }
  return resolved;
}
