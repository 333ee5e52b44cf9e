import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** The application is closing; the send was refused and nothing went out. */
export class ZixflowShuttingDownError extends ZixflowError {
  declare readonly outcome: 'not_sent';
  constructor() {
    super(ZixflowErrorCode.ShuttingDown, 'ZixflowModule is shutting down; the SMS was not sent', 'not_sent');
  }
}
