import type { BulkInput } from './bulk-input-iterator';
import type { BulkSendItemResult } from './bulk-send-item-result.type';
import type { BulkSendOptions } from './bulk-send-options.interface';
import { BulkSendRun, type BulkSendOne } from './bulk-send.run';

/** Lazy: nothing is pulled or sent until the returned iterable is iterated; each iteration is its own run. */
export function streamBulkSends<I>(
  inputs: BulkInput<I>,
  sendOne: BulkSendOne<I>,
  options: BulkSendOptions = {},
): AsyncIterable<BulkSendItemResult> {
  return { [Symbol.asyncIterator]: () => new BulkSendRun(inputs, sendOne, options).results() };
}
