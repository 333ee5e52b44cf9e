import { ZixflowAbortedError } from '../../errors/zixflow-aborted.error';
import type { BulkSendItemResult } from './bulk-send-item-result.type';

/**
 * `sendMany` was aborted. `results` holds every item that was started, by index (those cut short by the abort
 * as `failed` with their own ZixflowAbortedError); items after them were never pulled from the input, never sent.
 * Rejecting without them would lose the request ids of SMS that did go out.
 */
export class ZixflowBulkAbortedError extends ZixflowAbortedError {
  declare readonly results: readonly BulkSendItemResult[];

  constructor(results: readonly BulkSendItemResult[]) {
    super('not_sent');
    // Non-enumerable: toJSON / inspect of the error must stay small enough to log.
    Object.defineProperty(this, 'results', { value: results, enumerable: false });
  }
}
