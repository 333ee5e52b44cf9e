import type { ZixflowRetryOptions } from '../../interfaces/zixflow-retry-options.interface';

/** Per-call overrides for one send. */
export interface SendOptions {
  /** Abort the send (and any retry wait). */
  signal?: AbortSignal;
  /** Total time for one HTTP attempt, in ms; overrides `timeoutMs`. */
  timeoutMs?: number;
  /** Overrides the module's retry policy for this call. */
  retry?: ZixflowRetryOptions;
}
