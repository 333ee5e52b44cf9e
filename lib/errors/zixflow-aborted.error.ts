import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

/** The caller's AbortSignal fired. */
export class ZixflowAbortedError extends ZixflowError {
  constructor(outcome: SendOutcome) {
    super(ZixflowErrorCode.Aborted, `Send aborted by the caller (outcome: ${outcome})`, outcome);
  }
}
