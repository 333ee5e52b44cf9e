import type { ZixflowError } from '../../errors/zixflow.error';

/** Zixflow accepted the item's request. The input itself is not kept (memory): correlate by `index`. */
export interface BulkSendQueuedResult {
  /** Position of the item in the input, from 0. */
  index: number;
  status: 'queued';
  requestId: string;
  /** The send's id (`SmsSendResult.sendId`), which its postbacks name. */
  sendId: string;
  /** The input's recipient, masked (`9198******10`), when it had one; for logs. */
  recipient?: string;
}

/**
 * The item was not queued. `invalid`: rejected by validation (ZixflowValidationError), nothing was sent.
 * `failed`: any other typed error; read `error.outcome` (when present) before resending: `unknown` may have gone out.
 */
export interface BulkSendFailedResult {
  index: number;
  status: 'failed' | 'invalid';
  error: ZixflowError;
  recipient?: string;
}

/** The outcome of one item of `SmsService.sendMany` / `streamMany`. */
export type BulkSendItemResult = BulkSendQueuedResult | BulkSendFailedResult;
