import type { SendOptions } from '../interfaces/send-options.interface';
import type { BulkSendProgress } from './bulk-send-progress.interface';

/** Options of `SmsService.sendMany` / `streamMany`; `signal`, `timeoutMs` and `retry` apply to every item. */
export interface BulkSendOptions extends SendOptions {
  /** Sends in flight at once (and items pulled ahead of them). Default 16. */
  concurrency?: number;
  /** Called after each item settles. A throw stops the run like an input error does. */
  onProgress?: (progress: BulkSendProgress) => void;
}
