export type {
  BulkSendItemResult,
  BulkSendQueuedResult,
  BulkSendFailedResult,
} from './bulk-send-item-result.type';
export type { BulkSendProgress } from './bulk-send-progress.interface';
export type { BulkSendOptions } from './bulk-send-options.interface';
export type { BulkInput } from './bulk-input-iterator';
export { DEFAULT_BULK_CONCURRENCY } from './bulk-send.constants';
export { ZixflowBulkAbortedError } from './zixflow-bulk-aborted.error';
export { streamBulkSends } from './stream-bulk-sends';
export { collectBulkResults } from './collect-bulk-results';
