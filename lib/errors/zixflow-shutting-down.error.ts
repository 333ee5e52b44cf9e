import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** The application is closing; the send was refused and nothing went out. */
export class ZixflowShuttingDownError extends ZixflowError {
  readonly outcome = 'not_sent' as const;
  constructor() {
    super(ZixflowErrorCode.ShuttingDown, 'ZixflowModule is shutting down; the SMS was not sent');
  }
}
