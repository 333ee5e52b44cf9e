import { ZixflowAbortedError } from '../../errors/zixflow-aborted.error';
import type { BulkSendItemResult } from './bulk-send-item-result.type';
import { ZixflowBulkAbortedError } from './zixflow-bulk-aborted.error';

/** Every result, ordered by input index. On abort, rejects with the results gathered so far attached. */
export async function collectBulkResults(
  stream: AsyncIterable<BulkSendItemResult>,
): Promise<BulkSendItemResult[]> {
  const results: BulkSendItemResult[] = [];
  try {
    for await (const result of stream) results[result.index] = result;
  } catch (error) {
    if (error instanceof ZixflowAbortedError) throw new ZixflowBulkAbortedError(results);
    throw error;
  }
  return results;
}
