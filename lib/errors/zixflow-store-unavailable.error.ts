import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/**
 * The store (`store` option) failed to answer a read the caller asked for, e.g. `resolveOutcome` while
 * Redis is down. Nothing about the send is known from it: ask again later. `cause` holds the store's
 * error message only.
 */
export class ZixflowStoreUnavailableError extends ZixflowError {
  constructor(
    /** What was being read, e.g. `resolve the outcome of a send`. */
    readonly operation: string,
    error: unknown,
  ) {
    const reason = error instanceof Error ? error.message : String(error);
    super(ZixflowErrorCode.StoreUnavailable, `The Zixflow store failed to ${operation}: ${reason}`);
  }
}
