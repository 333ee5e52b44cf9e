import type { BackoffOptions, ConnectionOptions, KeepJobs } from 'bullmq';

/**
 * The provider's rate limit, held by BullMQ's limiter across every worker on every machine sharing the queue.
 * BullMQ counts fixed windows, each opening with its first job; the module spreads the limit over up to ten of
 * them per `duration` by default (`spread`).
 */
export interface ZixflowQueueLimiter {
  /** Jobs started per `duration`, across all workers. */
  max: number;
  /** In ms. */
  duration: number;
  /**
   * Default true: `duration` is cut into the most windows, up to ten and none shorter than 100 ms, that share
   * `max` evenly, and BullMQ's limiter holds each (`{ max: 50, duration: 1000 }` becomes 5 per 100 ms). A backlog
   * then goes out in even steps instead of a burst at each window's start, and a sliding `duration` holds at most
   * `max` plus one window's jobs less one (54 for 50 per second). Never faster than `max` per `duration`. A `max`
   * no such number of windows shares evenly (1, a prime over ten) stays one window. `false`: one window of
   * `duration` holding `max`, BullMQ's own, where a sliding `duration` that straddles two windows can hold up to
   * `2 * max - 1`.
   */
  spread?: boolean;
}

/**
 * What a job whose ledger says `sending` (its worker died or lost its lock during the HTTP call) becomes when
 * BullMQ hands it out again: `at-most-once` completes it `unknown` without sending (its postback settles it),
 * `at-least-once` sends it again (a duplicate SMS when the first send got through).
 */
export type ZixflowQueueRedelivery = 'at-most-once' | 'at-least-once';

/** The queue's measured fast paths, each on by default; `false` runs its plain twin, with the same effects. */
export interface ZixflowQueueFastPathOptions {
  /**
   * The ledger commands of all jobs issued during one turn of the event loop go to Redis as one script call
   * (one round trip instead of one per command). Default true. `false`: one command per ledger read or write,
   * with the same entries, answers and order (each command still completes before the job goes on).
   */
  batchedLedger?: boolean;
}

/**
 * Options of `ZixflowQueueModule.forRoot()` (and what a `forRootAsync()` factory returns). The queue's name is
 * not among them: it goes at the top level (`ZixflowQueueModuleExtras.queueName`).
 */
export interface ZixflowQueueModuleOptions {
  /**
   * Redis for the queue: BullMQ's connection options (`{ host, port }`, `{ url }`...) or a client. With options
   * the module opens, and closes at shutdown, connections of its own; a client you pass stays yours to close.
   */
  connection: ConnectionOptions;
  /** BullMQ key prefix. Default BullMQ's (`bull`). */
  prefix?: string;
  /** Global rate limit of the workers (every worker of the queue must set the same). Default none. */
  limiter?: ZixflowQueueLimiter;
  /** Jobs one worker instance processes at a time. Default 16. */
  concurrency?: number;
  /** `false`: this instance only enqueues (API replicas); `true` also processes jobs. Default true. */
  worker?: boolean;
  /**
   * How long `app.close()` waits for active jobs before handing the unfinished ones back to the queue.
   * Default 10 000. ZixflowModule's own `shutdownTimeoutMs` also bounds the sends on the wire (past it they are
   * aborted and their jobs end `unknown`): give both the same value.
   */
  shutdownTimeoutMs?: number;
  /** See {@link ZixflowQueueRedelivery}. Default `at-most-once`. */
  redelivery?: ZixflowQueueRedelivery;
  /** Attempts of a job whose sends provably did not go out (network before the socket, 429...). Default 5. */
  attempts?: number;
  /** Backoff between those attempts (BullMQ's). Default `{ type: 'exponential', delay: 1000 }`. */
  backoff?: BackoffOptions;
  /** How long a job's ledger entry (`sending`, `queued`) is kept, in ms. Default 48 h. */
  ledgerTtlMs?: number;
  /**
   * How long a worker's lock on an active job lasts without renewal, in ms; a job whose worker died is handed
   * out again after about this long (BullMQ's stalled check runs at the same interval). Default 30 000.
   */
  lockDurationMs?: number;
  /** What BullMQ keeps of completed jobs (BullMQ's `removeOnComplete`). Default `{ age: 86400 }` (one day). */
  removeOnComplete?: boolean | number | KeepJobs;
  /** What BullMQ keeps of failed jobs (BullMQ's `removeOnFail`). Default `{ age: 604800 }` (seven days). */
  removeOnFail?: boolean | number | KeepJobs;
  /** Turn off the queue's measured fast paths; see {@link ZixflowQueueFastPathOptions}. */
  fastPaths?: ZixflowQueueFastPathOptions;
}
