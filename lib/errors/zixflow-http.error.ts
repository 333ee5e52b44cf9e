import { ZixflowError } from './zixflow.error';
import type { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

/** What is known of the request that failed; no headers, no body. */
export interface ZixflowRequestInfo {
  method: string;
  path: string;
  /** How many attempts were made, retries included. */
  attempts: number;
}

/** An error that came from talking to the API. */
export abstract class ZixflowHttpError extends ZixflowError {
  constructor(
    code: ZixflowErrorCode,
    message: string,
    readonly request: ZixflowRequestInfo | undefined,
    outcome: SendOutcome,
  ) {
    super(code, message, outcome);
  }
}
